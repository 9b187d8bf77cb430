package io.canarymesh.model.validation.istio;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Istio's duration syntax: Go's {@code time.ParseDuration}, of which protobuf's JSON form ({@code
 * "1.5s"}) is a subset. A duration is an optional sign and one or more decimal numbers, each with
 * an optional fraction and a unit among {@code ns, us (µs), ms, s, m, h}: {@code 5s}, {@code
 * 100ms}, {@code 1.5s}, {@code 1m}, {@code 1h30m}, {@code -2s}; {@code 0} alone needs no unit.
 * Fractions below a nanosecond are truncated, as Go truncates them.
 */
public final class IstioDuration {
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L, // micro sign
          "\u03bcs", 1_000L, // Greek mu
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private IstioDuration() {}

  /**
   * The duration {@code text} denotes.
   *
   * @throws IllegalArgumentException with Go's message, e.g. {@code time: missing unit in duration
   *     "5"}, when {@code text} is not a duration
   */
  public static Duration parse(String text) {
    requireNonNull(text, "text");
    String rest = text;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    while (!rest.isEmpty()) {
      int numberEnd = numberEnd(rest);
      String number = rest.substring(0, numberEnd);
      if (number.isEmpty() || number.equals(".")) {
        throw invalid(text);
      }
      rest = rest.substring(numberEnd);
      int unitEnd = unitEnd(rest);
      String unit = rest.substring(0, unitEnd);
      rest = rest.substring(unitEnd);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
      }
      Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
      if (nanosPerUnit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(unit) + " in duration " + quote(text));
      }
      total = total.add(nanos(number, nanosPerUnit));
      if (total.compareTo(MAX_NANOS) > 0) {
        throw invalid(text);
      }
    }
    long nanos = total.longValueExact();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  /** The duration {@code text} denotes, or empty when it is not a duration. */
  public static Optional<Duration> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Digits with at most one '.': {@code 1.5} in {@code 1.5s}; Go accepts {@code 1.} and {@code .5}.
   */
  private static int numberEnd(String text) {
    int i = 0;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '.') {
      i++;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  private static int unitEnd(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) != '.' && !isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static BigInteger nanos(String number, long nanosPerUnit) {
    String decimal = number.startsWith(".") ? "0" + number : number;
    if (decimal.endsWith(".")) {
      decimal = decimal.substring(0, decimal.length() - 1);
    }
    return new BigDecimal(decimal)
        .multiply(BigDecimal.valueOf(nanosPerUnit))
        .setScale(0, RoundingMode.DOWN)
        .toBigIntegerExact();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + quote(text));
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
