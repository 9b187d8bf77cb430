package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * String matches and regular expressions. Istio (and Envoy) use RE2; we compile with {@link
 * java.util.regex}, first rejecting what RE2 lacks — look-around, back-references, possessive
 * quantifiers and atomic groups — and accepting RE2's {@code (?P<name>...)} groups. Java's syntax
 * errors are worded differently from Go's; RE2-only syntax that Java rejects (rare: {@code \C},
 * {@code \pN} without braces) is reported as invalid.
 */
final class RegexRules {
  private static final int MAX_LENGTH = 1024;
  private static final String RE2_HINT =
      "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";
  private static final Pattern NOT_IN_RE2 =
      Pattern.compile("\\(\\?(?:[=!>]|<[=!])|\\\\[1-9]|\\\\k<|[*+?}][+]");

  private RegexRules() {}

  /**
   * A match of {@code uri}, {@code headers}, ...: a prefix (unless {@code emptyPrefixAllowed}, as
   * for {@code uri}) and a regex must not be empty; a regex must compile.
   */
  static void checkMatch(
      StringMatch match,
      String where,
      boolean emptyPrefixAllowed,
      FieldPath path,
      List<FieldError> errors) {
    if (match == null) {
      return;
    }
    if (match.getMatchType() instanceof StringMatchPrefix prefix
        && !emptyPrefixAllowed
        && (prefix.getPrefix() == null || prefix.getPrefix().isEmpty())) {
      errors.add(
          FieldError.invalid(
              path.child("prefix"),
              "",
              "\"" + where + "\": prefix string match should not be empty"));
    }
    if (match.getMatchType() instanceof StringMatchRegex regex) {
      String re = regex.getRegex() == null ? "" : regex.getRegex();
      FieldPath regexPath = path.child("regex");
      if (re.isEmpty()) {
        errors.add(
            FieldError.invalid(
                regexPath, re, "\"" + where + "\": regex string match should not be empty"));
      } else {
        check(re, where).ifPresent(p -> errors.add(FieldError.invalid(regexPath, re, p)));
      }
    }
  }

  /** The problem with {@code re} as an RE2 expression, or empty when it compiles. */
  static Optional<String> check(String re, String where) {
    if (re.length() > MAX_LENGTH) {
      return Optional.of("\"" + where + "\": regex is too large, max length allowed is 1024");
    }
    var unsupported = NOT_IN_RE2.matcher(re);
    if (unsupported.find()) {
      return Optional.of(
          "\""
              + where
              + "\": error parsing regexp: invalid or unsupported Perl syntax: `"
              + unsupported.group()
              + "`"
              + RE2_HINT);
    }
    try {
      Pattern.compile(re.replace("(?P<", "(?<"));
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(
          "\"" + where + "\": error parsing regexp: " + e.getDescription() + RE2_HINT);
    }
  }
}
