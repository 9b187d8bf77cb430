package io.canarymesh.apiserver.security;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Map;

/** Whether a private key belongs to a public key: it signs, the public key verifies. */
final class KeyPairs {
  private static final Map<String, String> SIGNATURE_BY_KEY_ALGORITHM =
      Map.of("EC", "SHA256withECDSA", "RSA", "SHA256withRSA", "Ed25519", "Ed25519");

  private KeyPairs() {}

  static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
    String algorithm = SIGNATURE_BY_KEY_ALGORITHM.get(privateKey.getAlgorithm());
    if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
