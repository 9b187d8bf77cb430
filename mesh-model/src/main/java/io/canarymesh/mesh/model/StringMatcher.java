package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Istio's {@code StringMatch}, compiled: exact, prefix, or regex (a full match, as RE2 in Envoy);
 * {@link Present} is an empty {@code StringMatch} in {@code headers}, which only asks that the
 * header exist.
 */
public sealed interface StringMatcher {

  /** Whether {@code value} matches; {@code value} is never null (absent values do not match). */
  boolean matches(String value);

  /** Equal to {@code value}, optionally ignoring ASCII case. */
  record Exact(String value, boolean ignoreCase) implements StringMatcher {
    public Exact {
      requireNonNull(value, "value");
    }

    @Override
    public boolean matches(String candidate) {
      return ignoreCase ? value.equalsIgnoreCase(candidate) : value.equals(candidate);
    }
  }

  /** Starts with {@code value}, optionally ignoring ASCII case. */
  record Prefix(String value, boolean ignoreCase) implements StringMatcher {
    public Prefix {
      requireNonNull(value, "value");
    }

    @Override
    public boolean matches(String candidate) {
      return candidate.regionMatches(ignoreCase, 0, value, 0, value.length());
    }
  }

  /** The whole value matches {@code pattern}. Equal when the patterns' sources are equal. */
  record Regex(Pattern pattern) implements StringMatcher {
    public Regex {
      requireNonNull(pattern, "pattern");
    }

    /** Compiles {@code regex}; throws {@link java.util.regex.PatternSyntaxException} if bad. */
    public static Regex of(String regex) {
      return new Regex(Pattern.compile(regex));
    }

    @Override
    public boolean matches(String candidate) {
      return pattern.matcher(candidate).matches();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Regex regex
          && regex.pattern.pattern().equals(pattern.pattern())
          && regex.pattern.flags() == pattern.flags();
    }

    @Override
    public int hashCode() {
      return pattern.pattern().hashCode();
    }

    @Override
    public String toString() {
      return "Regex[" + pattern.pattern() + "]";
    }
  }

  /** Any value: the header or parameter only has to be there. */
  record Present() implements StringMatcher {
    @Override
    public boolean matches(String candidate) {
      return true;
    }
  }
}
