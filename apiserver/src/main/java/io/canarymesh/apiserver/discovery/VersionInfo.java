package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to {@code GET /version}, shaped like kube-apiserver 1.32's {@code version.Info}.
 *
 * <p>{@code major}/{@code minor} must be exactly {@code "1"}/{@code "32"}: {@code /usr/bin/kubectl}
 * on these machines is a dispatcher that runs the kubectl build matching the server's minor version
 * (KUBE-API.md §A.4). The build fields describe the Kubernetes release we imitate, not this Java
 * program; {@code gitVersion} carries a {@code -canarymesh} suffix so {@code kubectl version} shows
 * which server it talks to.
 */
public final class VersionInfo {
  public static final String MAJOR = "1";
  public static final String MINOR = "32";
  public static final String GIT_VERSION = "v1.32.4-canarymesh";

  private VersionInfo() {}

  /**
   * {@code {"major":"1","minor":"32","gitVersion":"v1.32.4-canarymesh","gitCommit":…,
   * "gitTreeState":"clean","buildDate":…,"goVersion":…,"compiler":"gc","platform":"linux/amd64"}} —
   * the nine fields of 1.32, in its order.
   */
  public static ObjectNode document() {
    ObjectNode version = JsonNodeFactory.instance.objectNode();
    version.put("major", MAJOR);
    version.put("minor", MINOR);
    version.put("gitVersion", GIT_VERSION);
    // No upstream commit matches a build of ours: the all-zero id says so without breaking
    // clients that expect 40 hex digits.
    version.put("gitCommit", "0000000000000000000000000000000000000000");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2025-04-22T00:00:00Z");
    // The toolchain Kubernetes 1.32 patch releases are built with; some tools parse goX.Y.Z.
    version.put("goVersion", "go1.23.8");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return version;
  }
}
