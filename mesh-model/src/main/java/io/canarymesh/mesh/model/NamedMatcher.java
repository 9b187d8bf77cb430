package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

/**
 * A matcher for one named header or query parameter.
 *
 * @param name lower case for headers; as written for query parameters
 * @param matcher what its value must match
 */
public record NamedMatcher(String name, StringMatcher matcher) {
  public NamedMatcher {
    Checks.nonBlank(name, "header or parameter name");
    requireNonNull(matcher, "matcher");
  }
}
