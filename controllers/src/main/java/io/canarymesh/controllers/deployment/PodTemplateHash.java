package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} that names a Deployment's ReplicaSets ({@code
 * micro-api-7dbb6c5d66}) and labels their pods.
 *
 * <p><b>Differs from Kubernetes on purpose.</b> Kubernetes hashes with FNV-1a 32 over a {@code
 * spew} dump of its Go struct, which no other program can reproduce byte for byte. We hash with
 * FNV-1a 32 over the {@link CanonicalTemplate} JSON instead, then, like Kubernetes, over {@code
 * collisionCount} as 8 little-endian bytes if the Deployment has one, and render the unsigned
 * decimal value through Kubernetes' {@code SafeEncodeString} alphabet. So names look like
 * Kubernetes' (10 characters or fewer of {@code 4-9bcdf}), stay stable across restarts and versions
 * of this program, and equal templates get equal hashes — but the same template hashes to a
 * different value than on a real cluster.
 */
public final class PodTemplateHash {
  /** Kubernetes' {@code rand} alphabet: no vowels, no confusable characters. */
  static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private PodTemplateHash() {}

  /** The hash of a Deployment's template with its {@code status.collisionCount}, if any. */
  public static String of(Deployment deployment) {
    requireNonNull(deployment, "deployment");
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    Integer collisionCount =
        deployment.getStatus() == null ? null : deployment.getStatus().getCollisionCount();
    return collisionCount == null ? compute(template) : compute(template, collisionCount);
  }

  /** {@code ComputeHash(template, nil)}. */
  public static String compute(PodTemplateSpec template) {
    return safeEncode(Integer.toUnsignedString(fnv1a(bytes(template), FNV_OFFSET_BASIS)));
  }

  /**
   * {@code ComputeHash(template, &collisionCount)}: the template's hash continued over the count,
   * so a collision (a ReplicaSet of that name with another template) is escaped by bumping it.
   */
  public static String compute(PodTemplateSpec template, int collisionCount) {
    int hash = fnv1a(bytes(template), FNV_OFFSET_BASIS);
    byte[] count = new byte[8];
    for (int i = 0; i < 4; i++) {
      count[i] = (byte) (collisionCount >>> (8 * i));
    }
    return safeEncode(Integer.toUnsignedString(fnv1a(count, hash)));
  }

  /** The ReplicaSet name for a Deployment and hash: {@code micro-api} + {@code -7dbb6c5d66}. */
  public static String replicaSetName(String deploymentName, String hash) {
    return deploymentName + "-" + hash;
  }

  /**
   * Kubernetes' {@code rand.SafeEncodeString}: each character to {@code ALPHANUMS[c % 27]}, so the
   * digits 0–9 become {@code 4 5 6 7 8 9 b c d f}: "3402185232" → "78465d9676".
   */
  static String safeEncode(String text) {
    StringBuilder encoded = new StringBuilder(text.length());
    text.codePoints().forEach(c -> encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length())));
    return encoded.toString();
  }

  /** FNV-1a, 32 bits, continuing from {@code hash}: xor each byte in, multiply by the prime. */
  static int fnv1a(byte[] data, int hash) {
    int h = hash;
    for (byte b : data) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  static int fnv1a(byte[] data) {
    return fnv1a(data, FNV_OFFSET_BASIS);
  }

  private static byte[] bytes(PodTemplateSpec template) {
    return CanonicalTemplate.of(requireNonNull(template, "template"))
        .json()
        .getBytes(StandardCharsets.UTF_8);
  }
}
