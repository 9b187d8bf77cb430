package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.TlsCredential;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The certificates Gateway servers name with {@code tls.credentialName}: as Istio does, the Secret
 * of that name in the ingress gateway's own namespace ({@code istio-system}), holding {@code
 * tls.crt} and {@code tls.key} (type {@code kubernetes.io/tls}) or the generic {@code cert} and
 * {@code key}. {@code data} is base64; {@code stringData} (as a manifest file may carry it) is
 * merged over it, as the API server does on a write.
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
