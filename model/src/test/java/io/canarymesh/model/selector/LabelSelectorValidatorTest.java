package io.canarymesh.model.selector;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorValidatorTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new LabelSelectorBuilder().addToMatchLabels("app", "x").build(), List.of()),
        Arguments.of(
            expression("a", "In", List.of()),
            List.of(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                    + " `operator` is 'In' or 'NotIn'")),
        Arguments.of(
            expression("a", "NotIn", List.of()),
            List.of(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                    + " `operator` is 'In' or 'NotIn'")),
        Arguments.of(
            expression("a", "Exists", List.of("x")),
            List.of(
                "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when"
                    + " `operator` is 'Exists' or 'DoesNotExist'")),
        Arguments.of(
            expression("a", "DoesNotExist", List.of("x")),
            List.of(
                "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when"
                    + " `operator` is 'Exists' or 'DoesNotExist'")),
        Arguments.of(
            expression("a", "Equals", List.of("x")),
            List.of(
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a"
                    + " valid selector operator")),
        Arguments.of(
            expression("a/", "Exists", List.of()),
            List.of(
                "spec.selector.matchExpressions[0].key: Invalid value: \"a/\": name part must be"
                    + " non-empty")),
        Arguments.of(
            expression("a", "In", List.of("ok", "-bad")),
            List.of(
                "spec.selector.matchExpressions[0].values[1]: Invalid value: \"-bad\": a valid"
                    + " label must be an empty string or consist of alphanumeric characters, '-',"
                    + " '_' or '.', and must start and end with an alphanumeric character (e.g."
                    + " 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                    + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
        Arguments.of(
            new LabelSelectorBuilder().addToMatchLabels("a/", "x").build(),
            List.of(
                "spec.selector.matchLabels: Invalid value: \"a/\": name part must be non-empty")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void validates(LabelSelector selector, List<String> messages) {
    List<FieldError> errors =
        LabelSelectorValidator.validate(selector, FieldPath.of("spec", "selector"));

    assertThat(errors).extracting(FieldError::message).containsExactlyElementsOf(messages);
  }

  private static LabelSelector expression(String key, String operator, List<String> values) {
    return new LabelSelectorBuilder()
        .addToMatchExpressions(
            new io.fabric8.kubernetes.api.model.LabelSelectorRequirement(key, operator, values))
        .build();
  }
}
