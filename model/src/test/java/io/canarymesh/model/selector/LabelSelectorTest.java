package io.canarymesh.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {
  private static final String NAME_PART_RULE =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
          + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String LABEL_VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  @ParameterizedTest(name = "[{0}] prints as [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"                     | \"\"",
        "a=b                    | a=b",
        "a==b                   | a==b",
        "a!=b                   | a!=b",
        "a in (y, x)            | a in (x,y)",
        "a notin (x)            | a notin (x)",
        "a                      | a",
        "!a                     | !a",
        "\" b = 1 ,\ta \"         | a,b=1",
        "a=                     | a=",
        "\"a=,b\"                 | a=,b",
        "a in ()                | a in ()",
        "\"a in (,x)\"            | a in (,x)",
        "x>1                    | x>1",
        "x<1                    | x<1",
        "in in (in)             | in in (in)",
        "\"example.com/tier notin (a,b,a)\" | example.com/tier notin (a,b)",
        "\"z=1,y,!x,w in (q)\"    | w in (q),!x,y,z=1",
      })
  void parsesToCanonicalForm(String text, String canonical) {
    LabelSelector selector = LabelSelector.parse(text);

    assertThat(selector.toString()).isEqualTo(canonical);
    assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
  }

  @ParameterizedTest(name = "[{0}] on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "app=web              | app=web          | true",
        "app=web              | app=api          | false",
        "app=web              | \"\"               | false",
        "app==web             | app=web          | true",
        "app!=web             | app=api          | true",
        "app!=web             | app=web          | false",
        "app!=web             | \"\"               | true",
        "\"app in (web,api)\"   | app=api          | true",
        "\"app in (web,api)\"   | app=db           | false",
        "\"app in (web,api)\"   | \"\"               | false",
        "app notin (web)      | app=api          | true",
        "app notin (web)      | app=web          | false",
        "app notin (web)      | \"\"               | true",
        "app                  | app=             | true",
        "app                  | other=x          | false",
        "!app                 | other=x          | true",
        "!app                 | app=x            | false",
        "app=                 | app=             | true",
        "app=                 | \"\"               | false",
        "n>3                  | n=4              | true",
        "n>3                  | n=3              | false",
        "n>3                  | n=x              | false",
        "n<3                  | n=2              | true",
        "n<3                  | \"\"               | false",
        "\"app=web,track!=canary\" | app=web;track=stable | true",
        "\"app=web,track!=canary\" | app=web;track=canary | false",
        "\"\"                   | app=web          | true",
      })
  void matchesLikeApimachinery(String text, String labels, boolean expected) {
    assertThat(LabelSelector.parse(text).matches(labels(labels))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a=b c        | found 'c', expected: ',' or 'end of string'",
        "a in (x))    | found ')', expected: ',' or 'end of string'",
        "\",a\"         | found ',', expected: !, identifier, or 'end of string'",
        "(            | found '(', expected: !, identifier, or 'end of string'",
        "\"a,\"         | found '', expected: identifier after ','",
        "\"a,,b\"       | found ',', expected: identifier after ','",
        "!a=b         | found '=', expected: ',' or 'end of string'",
        "a b          | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt,"
            + " lt",
        "a in x       | unable to parse requirement: found 'x' expected: '('",
        "a in (x      | unable to parse requirement: found '', expected: ',' or ')'",
        "a in (x y)   | unable to parse requirement: found 'y', expected: ',' or ')'",
        "a in (=)     | unable to parse requirement: found '=', expected: ',', ')' or identifier",
        "a=(b)        | unable to parse requirement: found '(', expected: identifier",
        "!=a          | found '!=', expected: !, identifier, or 'end of string'",
      })
  void reportsSyntaxErrorsInKubernetesWords(String text, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOf(SelectorException.class)
        .hasMessage(message);
  }

  @Test
  void requiresAnIntegerForGreaterThan() {
    assertThatThrownBy(() -> LabelSelector.parse("a>x"))
        .hasMessage(
            "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt'"
                + " operators, the value must be an integer");
  }

  @Test
  void reportsAnInvalidKeyAtANilPathAsApimachineryDoes() {
    assertThatThrownBy(() -> LabelSelector.parse("app:x=1"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"app:x\": " + NAME_PART_RULE);
  }

  @Test
  void reportsAnInvalidValueWithItsIndexAndKey() {
    assertThatThrownBy(() -> LabelSelector.parse("a=-x"))
        .hasMessage(
            "unable to parse requirement: values[0][a]: Invalid value: \"-x\": "
                + LABEL_VALUE_RULE);
  }

  @Test
  void convertsAStructuredSelectorAndingLabelsWithExpressions() {
    var structured =
        new LabelSelectorBuilder()
            .addToMatchLabels("app", "micro-api")
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "version", "In", java.util.List.of("v2", "v1")))
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "track", "NotIn", java.util.List.of("canary")))
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "tier", "Exists", java.util.List.of()))
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "legacy", "DoesNotExist", null))
            .build();

    LabelSelector selector = LabelSelector.fromFabric8(structured);

    assertThat(selector.toString())
        .isEqualTo("app=micro-api,!legacy,tier,track notin (canary),version in (v1,v2)");
    assertThat(selector.matches(labels("app=micro-api;version=v1;tier=web"))).isTrue();
    assertThat(selector.matches(labels("app=micro-api;version=v3;tier=web"))).isFalse();
    assertThat(selector.matches(labels("app=micro-api;version=v1"))).isFalse();
    assertThat(selector.matches(labels("app=micro-api;version=v1;tier=web;legacy=1"))).isFalse();
    assertThat(selector.matches(labels("app=micro-api;version=v1;tier=web;track=canary")))
        .isFalse();
  }

  @Test
  void anEmptyStructuredSelectorMatchesEverythingAndNothingMatchesNothing() {
    assertThat(LabelSelector.fromFabric8(new LabelSelectorBuilder().build()).isEmpty()).isTrue();
    assertThat(LabelSelector.everything().matches(labels("a=b"))).isTrue();
    assertThat(LabelSelector.nothing().isEmpty()).isFalse();
    assertThat(LabelSelector.nothing().matches(labels("a=b"))).isFalse();
    assertThat(LabelSelector.nothing().matches(Map.of())).isFalse();
  }

  @Test
  void rejectsAnUnknownStructuredOperator() {
    var structured =
        new LabelSelectorBuilder()
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "a", "Gt", java.util.List.of("1")))
            .build();

    assertThatThrownBy(() -> LabelSelector.fromFabric8(structured))
        .isInstanceOf(SelectorException.class)
        .hasMessage("\"Gt\" is not a valid label selector operator");
  }

  @Test
  void rejectsAStructuredInWithoutValues() {
    var structured =
        new LabelSelectorBuilder()
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "a", "In", java.util.List.of()))
            .build();

    assertThatThrownBy(() -> LabelSelector.fromFabric8(structured))
        .hasMessage(
            "values: Invalid value: []string{}: for 'in', 'notin' operators, values set"
                + " can't be empty");
  }

  @Test
  void aggregatesSeveralProblemsOfOneRequirement() {
    var structured =
        new LabelSelectorBuilder()
            .addToMatchExpressions(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(
                    "-a", "Exists", java.util.List.of("x")))
            .build();

    assertThatThrownBy(() -> LabelSelector.fromFabric8(structured))
        .hasMessage(
            "[key: Invalid value: \"-a\": "
                + NAME_PART_RULE
                + ", values: Invalid value: []string{\"x\"}: values set must be empty for exists"
                + " and does not exist]");
  }

  /** {@code "a=b;c=d"} as a map; {@code ""} is the empty map. */
  static Map<String, String> labels(String text) {
    Map<String, String> labels = new java.util.HashMap<>();
    if (!text.isEmpty()) {
      for (String pair : text.split(";")) {
        int equals = pair.indexOf('=');
        labels.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
    return labels;
  }
}
