package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.TlsCredential;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The certificates Gateway servers name with {@code tls.credentialName}: as Istio does, the Secret
 * of that name in the ingress gateway's own namespace ({@code istio-system}), holding {@code
 * tls.crt} and {@code tls.key} (type {@code kubernetes.io/tls}) or the generic {@code cert} and
 * {@code key}. {@code data} is base64; {@code stringData} (as a manifest file may carry it) is
 * merged over it, as the API server does on a write.
 *
 * <p>For {@code tls.mode: MUTUAL}, the CA that verifies client certificates comes, as in Istio,
 * from that same Secret's {@code ca.crt} (beside {@code tls.crt}/{@code tls.key}) or {@code cacert}
 * (beside {@code cert}/{@code key}), else from a Secret named {@code <credentialName>-cacert} in
 * the same namespace, key {@code cacert} or {@code ca.crt}; or, with {@code caCertCredentialName},
 * from the Secret it names. The Secret that gave the CA may carry CRLs too ({@code ca.crl} or
 * {@code crl}).
 */
final class GatewayCredentials {

  /** What a lookup found: a credential, or why there is none. */
  sealed interface Lookup {}

  record Found(TlsCredential credential) implements Lookup {}

  record Unusable(String reason) implements Lookup {}

  private final String namespace;
  private final Map<String, Secret> byName = new HashMap<>();
  private final Map<String, TreeSet<String>> elsewhere = new HashMap<>();

  GatewayCredentials(String namespace, List<Secret> secrets) {
    this.namespace = namespace;
    for (Secret secret : secrets) {
      ResourceId id = ResourceId.of(secret);
      if (id.namespace().equals(namespace)) {
        byName.put(id.name(), secret);
      } else {
        elsewhere.computeIfAbsent(id.name(), n -> new TreeSet<>()).add(id.namespace());
      }
    }
  }

  Lookup lookup(String name) {
    String qualified = namespace + "/" + name;
    Secret secret = byName.get(name);
    if (secret == null) {
      TreeSet<String> others = elsewhere.get(name);
      return new Unusable(
          "Secret "
              + qualified
              + " not found"
              + (others == null
                  ? ""
                  : " (the one in "
                      + String.join(", ", others)
                      + " is not read: the gateway reads Secrets from its own namespace)"));
    }
    Map<String, String> data;
    try {
      data = decoded(secret);
    } catch (IllegalArgumentException e) {
      return new Unusable("Secret " + qualified + ": data is not base64: " + e.getMessage());
    }
    for (String[] keys : new String[][] {{"tls.crt", "tls.key"}, {"cert", "key"}}) {
      String certificate = data.get(keys[0]);
      String key = data.get(keys[1]);
      if (present(certificate) || present(key)) {
        if (!pem(certificate, "CERTIFICATE")) {
          return new Unusable(
              "Secret " + qualified + ": " + keys[0] + " is missing or holds no PEM certificate");
        }
        if (!pem(key, "PRIVATE KEY")) {
          return new Unusable(
              "Secret " + qualified + ": " + keys[1] + " is missing or holds no PEM private key");
        }
        return new Found(new TlsCredential(qualified, certificate, key));
      }
    }
    return new Unusable(
        "Secret "
            + qualified
            + " has neither tls.crt/tls.key nor cert/key (it has "
            + new TreeSet<>(data.keySet())
            + ")");
  }

  /**
   * {@code credential} (found by {@link #lookup} for {@code name}) with the CA that verifies client
   * certificates; unusable when there is no CA anywhere Istio looks, or it holds no PEM
   * certificate.
   */
  Lookup withClientCa(String name, TlsCredential credential) {
    Map<String, String> own = decodedOrEmpty(byName.get(name));
    for (String[] keys : new String[][] {{"tls.crt", "ca.crt"}, {"cert", "cacert"}}) {
      if (present(own.get(keys[0])) && own.containsKey(keys[1])) {
        return ca(credential, namespace + "/" + name, keys[1], own.get(keys[1]));
      }
    }
    String caName = name + "-cacert";
    Secret caSecret = byName.get(caName);
    if (caSecret != null) {
      Map<String, String> data;
      try {
        data = decoded(caSecret);
      } catch (IllegalArgumentException e) {
        return new Unusable(
            "Secret " + namespace + "/" + caName + ": data is not base64: " + e.getMessage());
      }
      for (String key : List.of("cacert", "ca.crt")) {
        if (data.containsKey(key)) {
          return ca(credential, namespace + "/" + caName, key, data.get(key));
        }
      }
      return new Unusable(
          "Secret "
              + namespace
              + "/"
              + caName
              + " has neither cacert nor ca.crt (it has "
              + new TreeSet<>(data.keySet())
              + ")");
    }
    return new Unusable(
        "tls.mode MUTUAL needs a CA to verify client certificates: Secret "
            + namespace
            + "/"
            + name
            + " has no "
            + (present(own.get("tls.crt")) ? "ca.crt" : "cacert")
            + " and there is no Secret "
            + namespace
            + "/"
            + caName);
  }

  /**
   * {@code credential} with the CA of Secret {@code caName} ({@code tls.caCertCredentialName}), key
   * {@code ca.crt} or {@code cacert}: as in Istio, it takes precedence over any CA beside the
   * certificate.
   */
  Lookup withClientCaFrom(String caName, TlsCredential credential) {
    String qualified = namespace + "/" + caName;
    Secret caSecret = byName.get(caName);
    if (caSecret == null) {
      return new Unusable("Secret " + qualified + " (caCertCredentialName) not found");
    }
    Map<String, String> data;
    try {
      data = decoded(caSecret);
    } catch (IllegalArgumentException e) {
      return new Unusable("Secret " + qualified + ": data is not base64: " + e.getMessage());
    }
    for (String key : List.of("ca.crt", "cacert")) {
      if (data.containsKey(key)) {
        return ca(credential, qualified, key, data.get(key));
      }
    }
    return new Unusable(
        "Secret "
            + qualified
            + " has neither ca.crt nor cacert (it has "
            + new TreeSet<>(data.keySet())
            + ")");
  }

  /**
   * The CRLs beside a client CA, as Istio reads them: key {@code ca.crl} (beside {@code ca.crt}) or
   * {@code crl} (beside {@code cacert}) of Secret {@code caSecret} ({@code namespace/name}); empty
   * when there are none.
   */
  Optional<String> crlOf(String caSecret) {
    String name = caSecret.substring(caSecret.indexOf('/') + 1);
    Map<String, String> data = decodedOrEmpty(byName.get(name));
    for (String[] keys : new String[][] {{"ca.crt", "ca.crl"}, {"cacert", "crl"}}) {
      if (data.containsKey(keys[0]) && present(data.get(keys[1]))) {
        return Optional.of(data.get(keys[1]));
      }
    }
    return Optional.empty();
  }

  private static Lookup ca(TlsCredential credential, String secret, String key, String value) {
    if (!pem(value, "CERTIFICATE")) {
      return new Unusable("Secret " + secret + ": " + key + " holds no PEM certificate");
    }
    return new Found(credential.withCa(secret, value));
  }

  private static Map<String, String> decodedOrEmpty(Secret secret) {
    if (secret == null) {
      return Map.of();
    }
    try {
      return decoded(secret);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> data = new HashMap<>();
    Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
        .forEach(
            (key, value) ->
                data.put(
                    key,
                    value == null
                        ? ""
                        : new String(
                            Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
    Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of())
        .forEach((key, value) -> data.put(key, value == null ? "" : value));
    return data;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Whether {@code value} holds a PEM block whose label ends with {@code label}. */
  private static boolean pem(String value, String label) {
    if (!present(value)) {
      return false;
    }
    int begin = value.indexOf("-----BEGIN ");
    int dashes = begin < 0 ? -1 : value.indexOf("-----", begin + 11);
    return dashes > 0
        && value.substring(begin + 11, dashes).endsWith(label)
        && value.indexOf("-----END ", dashes) > 0;
  }
}
