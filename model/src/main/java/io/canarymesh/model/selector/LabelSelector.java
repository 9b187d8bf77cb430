package io.canarymesh.model.selector;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable label selector: requirements that all must hold (apimachinery's {@code
 * labels.Selector}). Made from the string kubectl sends ({@link #parse}) or from a manifest's
 * {@code spec.selector} ({@link #fromFabric8}).
 *
 * <p>Examples: {@code parse("app=micro-api,version in (v1,v2)")} matches {@code {app: micro-api,
 * version: v1}}; {@code parse("track!=canary")} also matches pods without a {@code track} label;
 * {@code parse("")} matches everything.
 */
public final class LabelSelector {
  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<LabelRequirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<LabelRequirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** The selector that matches every label set, like an empty string. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /**
   * The selector that matches nothing: what Kubernetes makes of an absent ({@code null}) {@code
   * spec.selector}. It is not {@link #isEmpty() empty} and prints as {@code ""}.
   */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /** A selector of the given requirements (ANDed), kept sorted by key like apimachinery does. */
  public static LabelSelector of(List<LabelRequirement> requirements) {
    requireNonNull(requirements, "requirements");
    List<LabelRequirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(LabelRequirement::key));
    return sorted.isEmpty() ? EVERYTHING : new LabelSelector(List.copyOf(sorted), false);
  }

  /**
   * Parses the string form: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a
   * notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}, comma-separated, whitespace
   * tolerant.
   *
   * @throws SelectorException in Kubernetes' words, e.g. {@code unable to parse requirement: found
   *     ')', expected: identifier}
   */
  public static LabelSelector parse(String selector) {
    requireNonNull(selector, "selector");
    return of(LabelSelectorParser.parse(selector));
  }

  /**
   * The selector a manifest's structured selector means ({@code metav1.LabelSelectorAsSelector}):
   * {@code matchLabels} as equalities ANDed with {@code matchExpressions}; empty when both are
   * empty. A {@code null} selector means {@link #nothing()}; callers decide that before calling.
   *
   * @throws SelectorException if an operator is unknown or a requirement is invalid, e.g. {@code
   *     "Foo" is not a valid label selector operator}
   */
  public static LabelSelector fromFabric8(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    requireNonNull(selector, "selector");
    List<LabelRequirement> requirements = new ArrayList<>();
    Map<String, String> matchLabels = selector.getMatchLabels();
    if (matchLabels != null) {
      matchLabels.forEach(
          (key, value) ->
              requirements.add(
                  LabelRequirement.of(
                      key, LabelOperator.EQUALS, List.of(value == null ? "" : value))));
    }
    if (selector.getMatchExpressions() != null) {
      for (var expression : selector.getMatchExpressions()) {
        List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
        requirements.add(
            LabelRequirement.of(
                String.valueOf(expression.getKey()),
                structuredOperator(expression.getOperator()),
                values));
      }
    }
    return of(requirements);
  }

  private static LabelOperator structuredOperator(String operator) {
    return switch (String.valueOf(operator)) {
      case "In" -> LabelOperator.IN;
      case "NotIn" -> LabelOperator.NOT_IN;
      case "Exists" -> LabelOperator.EXISTS;
      case "DoesNotExist" -> LabelOperator.DOES_NOT_EXIST;
      default ->
          throw new SelectorException(
              LabelRequirement.quote(operator == null ? "" : operator)
                  + " is not a valid label selector operator");
    };
  }

  /** Whether every requirement holds for these labels. */
  public boolean matches(Map<String, String> labels) {
    requireNonNull(labels, "labels");
    return !nothing && requirements.stream().allMatch(r -> r.matches(labels));
  }

  /** True when the selector has no requirement and so matches everything. */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** The requirements, sorted by key. */
  public List<LabelRequirement> requirements() {
    return requirements;
  }

  /** The canonical string form, e.g. {@code app=micro-api,version in (v1,v2)}; parses back. */
  @Override
  public String toString() {
    return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector that
        && nothing == that.nothing
        && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }
}
