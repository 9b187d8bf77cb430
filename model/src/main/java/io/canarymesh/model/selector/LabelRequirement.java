package io.canarymesh.model.selector;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One requirement of a label selector, such as {@code tier in (web,api)} or {@code !canary}.
 * Immutable; {@link #of} checks it the way apimachinery's {@code labels.NewRequirement} does.
 *
 * @param key a qualified label key
 * @param operator how the key's value is compared
 * @param values sorted and without duplicates; empty for {@code EXISTS} and {@code DOES_NOT_EXIST},
 *     one value for the equality operators
 */
public record LabelRequirement(String key, LabelOperator operator, List<String> values) {

  public LabelRequirement {
    requireNonNull(key, "key");
    requireNonNull(operator, "operator");
    values = List.copyOf(new TreeSet<>(values));
  }

  /**
   * A checked requirement. Errors are worded as apimachinery words them, e.g. {@code values:
   * Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty}.
   *
   * @throws SelectorException if the key, the values or their number are invalid
   */
  public static LabelRequirement of(String key, LabelOperator operator, List<String> values) {
    requireNonNull(key, "key");
    requireNonNull(operator, "operator");
    requireNonNull(values, "values");
    List<String> problems = new ArrayList<>();
    checkKey(key).ifPresent(problem -> problems.add("key: " + problem));
    checkValueCount(operator, values).ifPresent(problems::add);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      List<String> valueProblems = Names.checkLabelValue(value);
      if (!valueProblems.isEmpty()) {
        problems.add(
            "values[%d][%s]: Invalid value: %s: %s"
                .formatted(i, key, quote(value), String.join("; ", valueProblems)));
      }
    }
    if (!problems.isEmpty()) {
      throw new SelectorException(aggregate(problems));
    }
    return new LabelRequirement(key, operator, values);
  }

  /** Whether a set of labels satisfies this requirement; an absent key satisfies only negations. */
  public boolean matches(Map<String, String> labels) {
    requireNonNull(labels, "labels");
    String actual = labels.get(key);
    return switch (operator) {
      case EQUALS, DOUBLE_EQUALS, IN -> actual != null && values.contains(actual);
      case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
      case EXISTS -> actual != null;
      case DOES_NOT_EXIST -> actual == null;
      case GREATER_THAN, LESS_THAN -> actual != null && compares(actual);
    };
  }

  // gt/lt compare integers; a label value that is not an integer never matches.
  private boolean compares(String actual) {
    try {
      long have = Long.parseLong(actual);
      long want = Long.parseLong(values.get(0));
      return operator == LabelOperator.GREATER_THAN ? have > want : have < want;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }

  /** The canonical string form: {@code a=b}, {@code a in (x,y)}, {@code !a}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (operator == LabelOperator.DOES_NOT_EXIST) {
      text.append('!');
    }
    text.append(key).append(operator.infix);
    String joined = String.join(",", values);
    return (operator.isSetBased()
            ? text.append('(').append(joined).append(')')
            : text.append(joined))
        .toString();
  }

  /** The problem with a label key, without the field, or empty when the key is valid. */
  static Optional<String> checkKey(String key) {
    List<String> problems = Names.checkQualifiedName(key);
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of("Invalid value: " + quote(key) + ": " + String.join("; ", problems));
  }

  private static Optional<String> checkValueCount(LabelOperator operator, List<String> values) {
    String detail =
        switch (operator) {
          case IN, NOT_IN ->
              values.isEmpty() ? "for 'in', 'notin' operators, values set can't be empty" : null;
          case EQUALS, DOUBLE_EQUALS, NOT_EQUALS ->
              values.size() != 1 ? "exact-match compatibility requires one single value" : null;
          case EXISTS, DOES_NOT_EXIST ->
              values.isEmpty() ? null : "values set must be empty for exists and does not exist";
          case GREATER_THAN, LESS_THAN ->
              values.size() != 1 ? "for 'Gt', 'Lt' operators, exactly one value is required" : null;
        };
    if (detail != null) {
      return Optional.of("values: Invalid value: " + goStrings(values) + ": " + detail);
    }
    boolean numeric = operator == LabelOperator.GREATER_THAN || operator == LabelOperator.LESS_THAN;
    if (numeric && !values.get(0).matches("[-+]?[0-9]+")) {
      return Optional.of(
          "values[0]: Invalid value: "
              + quote(values.get(0))
              + ": for 'Gt', 'Lt' operators, the value must be an integer");
    }
    return Optional.empty();
  }

  /** Several errors the way apimachinery's aggregate prints them: {@code [a, b]}. */
  static String aggregate(List<String> problems) {
    return problems.size() == 1 ? problems.get(0) : "[" + String.join(", ", problems) + "]";
  }

  /** A Go string literal ({@code %q}) for the printable ASCII that labels allow. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String goStrings(List<String> values) {
    return "[]string{"
        + String.join(", ", values.stream().map(LabelRequirement::quote).toList())
        + "}";
  }
}
