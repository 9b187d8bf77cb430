package io.canarymesh.apiserver.discovery;

/**
 * An API group and version as served: {@code ("", "v1")} for the core group, {@code ("apps",
 * "v1")}.
 */
record GroupVersion(String group, String version) {

  /** {@code v1}, {@code apps/v1}: what objects and discovery documents call it. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * {@code api/v1}, {@code apis/apps/v1}: the URL prefix without its leading slash, which is also
   * the key of the group/version in {@code /openapi/v3}.
   */
  String path() {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  /**
   * The group and version as Kubernetes spells them in operation ids: {@code CoreV1}, {@code
   * AppsV1}, {@code NetworkingIstioIoV1alpha3}.
   */
  String operationIdPart() {
    StringBuilder id = new StringBuilder();
    for (String word : (group.isEmpty() ? "core" : group).split("[.-]")) {
      id.append(capitalize(word));
    }
    return id.append(capitalize(version)).toString();
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
