package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * Resolves an int-or-percent field such as {@code maxSurge} against a total, as apimachinery's
 * {@code intstr.GetScaledValueFromIntOrPercent} does.
 *
 * <p>Worked examples with a total of 3: {@code 1} → 1; {@code "25%"} → 0.75, so 1 rounded up and 0
 * rounded down; {@code "50%"} → 1.5, so 2 up and 1 down; {@code "100%"} → 3 either way.
 */
public final class IntOrPercent {
  private IntOrPercent() {}

  /**
   * The value of {@code value} scaled against {@code total}: an int as it is, a percentage rounded
   * up or down. Exact integer arithmetic gives the same result as Kubernetes' float64 for every
   * int32 input.
   *
   * @throws IllegalArgumentException worded as Kubernetes words it, for a string that is not a
   *     percentage or not a number
   */
  public static int scaledValue(IntOrString value, int total, boolean roundUp) {
    requireNonNull(value, "value");
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    if (text == null) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid type: neither int nor percentage");
    }
    if (!text.endsWith("%")) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid type: string is not a percentage");
    }
    long percent = parsePercent(text);
    long scaled = percent * total;
    return (int) (roundUp ? Math.ceilDiv(scaled, 100) : Math.floorDiv(scaled, 100));
  }

  private static long parsePercent(String text) {
    String digits = text.substring(0, text.length() - 1);
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid value \""
              + text
              + "\": strconv.Atoi: parsing \""
              + digits
              + "\": invalid syntax");
    }
  }
}
