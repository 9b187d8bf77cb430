package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code HTTPRewrite}: applied to the forwarded request, not to the one the client sees.
 *
 * @param uri replaces the part of the path the route's uri prefix matched (the whole path for exact
 *     and regex matches)
 * @param authority replaces the Host / :authority
 * @param uriRegex rewrites the path with a regex, instead of {@code uri}
 */
public record Rewrite(
    Optional<String> uri, Optional<String> authority, Optional<RegexRewrite> uriRegex) {
  public Rewrite {
    requireNonNull(uri, "uri");
    requireNonNull(authority, "authority");
    requireNonNull(uriRegex, "uriRegex");
    if (uri.isPresent() && uriRegex.isPresent()) {
      throw new IllegalArgumentException("rewrite cannot have both uri and uriRegexRewrite");
    }
  }

  /**
   * Replace every match of {@code match} in the path by {@code replacement} ({@code \1} style
   * groups, as Envoy's {@code regex_rewrite}).
   */
  public record RegexRewrite(StringMatcher.Regex match, String replacement) {
    public RegexRewrite {
      requireNonNull(match, "match");
      requireNonNull(replacement, "replacement");
    }
  }
}
