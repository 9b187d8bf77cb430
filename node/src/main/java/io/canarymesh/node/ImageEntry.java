package io.canarymesh.node;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog entry: images matching {@code pattern} run {@code command} + {@code args} (an image's
 * ENTRYPOINT and CMD) with {@code env}; values may use {@code ${TAG}} and {@code ${IMAGE}}.
 *
 * @param pattern a glob where {@code *} matches any characters; a pattern without a registry host
 *     also matches under any registry prefix ({@code wudimanong/micro-api:*} matches {@code
 *     registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0})
 * @param readiness the image's own readiness check, used when a pod declares no readinessProbe
 */
public record ImageEntry(
    String pattern,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Optional<DeclaredCheck> readiness) {

  public ImageEntry {
    requireNonNull(pattern, "pattern");
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    requireNonNull(readiness, "readiness");
  }

  /** A readiness check an image declares: HTTP GET (path not empty) or TCP connect on a port. */
  public record DeclaredCheck(int port, Optional<String> httpPath) {}

  /** Whether {@code image} matches this entry's pattern. */
  boolean matches(String image) {
    String glob = globRegex(pattern);
    if (image.matches(glob)) {
      return true;
    }
    return !hasRegistry(pattern) && image.matches(".*/" + glob);
  }

  private static boolean hasRegistry(String pattern) {
    int slash = pattern.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String first = pattern.substring(0, slash);
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || first.contains("*");
  }

  private static String globRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(java.util.regex.Pattern.quote(part));
    }
    return regex.toString();
  }
}
