package io.canarymesh.model.defaults;

/**
 * Just enough of the Docker image reference grammar to choose a default pull policy, as Kubernetes
 * does with {@code parsers.ParseImageName}: a reference without tag and digest means {@code
 * :latest}.
 *
 * <p>Examples: {@code nginx} and {@code nginx:latest} → {@code Always}; {@code nginx:1.27}, {@code
 * localhost:5000/app:v2} and {@code app@sha256:…} → {@code IfNotPresent}; {@code
 * localhost:5000/app} → {@code Always} (the port is not a tag).
 */
final class ImageReference {
  private ImageReference() {}

  static String defaultPullPolicy(String image) {
    return "latest".equals(tag(image)) ? "Always" : "IfNotPresent";
  }

  /** The tag, {@code "latest"} when there is neither tag nor digest, {@code ""} otherwise. */
  static String tag(String image) {
    if (image == null || image.isBlank()) {
      return ""; // unparseable: Kubernetes ignores the error and gets no tag
    }
    int at = image.indexOf('@');
    boolean hasDigest = at >= 0;
    String name = hasDigest ? image.substring(0, at) : image;
    int colon = name.lastIndexOf(':');
    String tag = colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
    return tag.isEmpty() && !hasDigest ? "latest" : tag;
  }
}
