package io.canarymesh.apiserver.discovery;

import io.canarymesh.model.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/** One resource of one group/version, with everything discovery and OpenAPI say about it. */
record ServedResource(
    GroupVersion groupVersion,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> verbs,
    List<String> shortNames,
    List<String> categories,
    List<ServedSubresource> subresources,
    boolean customResource,
    String storageVersionHash) {

  static ServedResource of(Kind kind, String version) {
    GroupVersion groupVersion = new GroupVersion(kind.group(), version);
    List<ServedSubresource> subresources =
        kind.subresources().stream()
            .map(name -> ServedSubresource.of(kind, groupVersion, name))
            .sorted(Comparator.comparing(ServedSubresource::name))
            .toList();
    return new ServedResource(
        groupVersion,
        kind.plural(),
        kind.singular(),
        kind.kind(),
        kind.namespaced(),
        ResourceVerbs.of(kind),
        kind.shortNames(),
        kind.categories(),
        subresources,
        ResourceVerbs.isCustomResource(kind),
        storageVersionHash(kind));
  }

  Gvk gvk() {
    return Gvk.of(groupVersion, kind);
  }

  /**
   * kube-apiserver's opaque storage-version fingerprint: the first 8 bytes of SHA-256 over {@code
   * group/version/kind} of the stored version, base64. Pods: {@code "/v1/Pod"} → {@code
   * xPOwRZ+Yhw8=}; Deployments: {@code "apps/v1/Deployment"} → {@code 8aSe+NMegvE=}. The platform
   * stores every kind at its preferred version.
   */
  private static String storageVersionHash(Kind kind) {
    String gvk = kind.group() + "/" + kind.preferredVersion() + "/" + kind.kind();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(gvk.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
