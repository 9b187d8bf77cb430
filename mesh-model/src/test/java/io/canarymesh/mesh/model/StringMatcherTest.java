package io.canarymesh.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringMatcherTest {

  @ParameterizedTest(name = "{0} {1} ignoreCase={2} vs {3} -> {4}")
  @CsvSource({
    "exact, /api, false, /api, true",
    "exact, /api, false, /API, false",
    "exact, /api, true, /API, true",
    "exact, /api, false, /api/x, false",
    "prefix, /api, false, /api/x, true",
    "prefix, /api, false, /ap, false",
    "prefix, /api, true, /API/x, true",
    "prefix, /api, false, /API/x, false",
    "prefix, '', false, /anything, true",
    "regex, /v[0-9]+, false, /v12, true",
    "regex, /v[0-9]+, false, /v12/x, false", // a full match, as RE2 in Envoy
    "regex, /v[0-9]+, false, x/v1, false",
  })
  void matches(String kind, String value, boolean ignoreCase, String candidate, boolean expected) {
    StringMatcher matcher =
        switch (kind) {
          case "exact" -> new StringMatcher.Exact(value, ignoreCase);
          case "prefix" -> new StringMatcher.Prefix(value, ignoreCase);
          default -> StringMatcher.Regex.of(value);
        };
    assertThat(matcher.matches(candidate)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void presentMatchesAnyValueAndRegexesAreEqualBySource() {
    assertThat(new StringMatcher.Present().matches("")).isTrue();
    assertThat(StringMatcher.Regex.of("a+")).isEqualTo(StringMatcher.Regex.of("a+"));
    assertThat(StringMatcher.Regex.of("a+")).hasSameHashCodeAs(StringMatcher.Regex.of("a+"));
    assertThat(StringMatcher.Regex.of("a+")).isNotEqualTo(StringMatcher.Regex.of("a*"));
  }
}
