package io.canarymesh.apiserver.security;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The kubeconfig kubectl needs (KUBE-API.md §A.2): one cluster with the server and its CA, one user
 * with the token, one context in namespace {@code default}, selected.
 */
public final class Kubeconfig {
  public static final String NAME = "canary-mesh";

  private Kubeconfig() {}

  public static void write(Path file, String serverUrl, String caPem, String token) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    ObjectNode cluster = config.putArray("clusters").addObject();
    cluster.put("name", NAME);
    cluster
        .putObject("cluster")
        .put("server", serverUrl)
        .put(
            "certificate-authority-data",
            Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
    ObjectNode user = config.putArray("users").addObject();
    user.put("name", NAME + "-admin");
    user.putObject("user").put("token", token);
    ObjectNode context = config.putArray("contexts").addObject();
    context.put("name", NAME);
    context
        .putObject("context")
        .put("cluster", NAME)
        .put("user", NAME + "-admin")
        .put("namespace", "default");
    config.put("current-context", NAME);
    config.putObject("preferences");
    try {
      SecureFiles.createPrivateDirectory(file.toAbsolutePath().getParent());
      SecureFiles.writeAtomically(file, new YAMLMapper().writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
    }
  }
}
