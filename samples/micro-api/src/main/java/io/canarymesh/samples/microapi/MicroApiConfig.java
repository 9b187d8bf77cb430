package io.canarymesh.samples.microapi;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How one replica runs, read from its environment by {@link #fromEnv}.
 *
 * @param bindAddress {@code POD_IP}: the address to listen on (the pod's own loopback address)
 * @param port {@code PORT}: 0 picks a free port
 * @param version {@code APP_VERSION}: the image tag; {@code 1.3*} adds the {@code V3|} marker
 * @param errorRate {@code ERROR_RATE}: share of {@code /test/test} requests answered 500, 0..1
 * @param extraLatency {@code EXTRA_LATENCY_MS}: waited before answering {@code /test/test}
 */
public record MicroApiConfig(
    InetAddress bindAddress, int port, String version, double errorRate, Duration extraLatency) {

  public static final String POD_IP = "POD_IP";
  public static final String PORT = "PORT";
  public static final String APP_VERSION = "APP_VERSION";
  public static final String ERROR_RATE = "ERROR_RATE";
  public static final String EXTRA_LATENCY_MS = "EXTRA_LATENCY_MS";

  public static final String DEFAULT_POD_IP = "127.0.0.1";
  public static final String DEFAULT_VERSION = "1.0-SNAPSHOT";
  public static final int DEFAULT_PORT = 9090;
  static final int MAX_PORT = 65_535;
  static final int MAX_LATENCY_MS = 600_000;

  // Dotted quad only, no leading zeros: "127.244.0.7" yes, "127.1" and "010.0.0.1" no.
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  // Hex digits, colons and dots (for "::ffff:1.2.3.4"), optionally bracketed; no zone ids.
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

  public MicroApiConfig {
    requireNonNull(bindAddress, "bindAddress");
    requireNonNull(version, "version");
    requireNonNull(extraLatency, "extraLatency");
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("errorRate must be between 0 and 1: " + errorRate);
    }
    if (extraLatency.isNegative()) {
      throw new IllegalArgumentException("extraLatency must not be negative: " + extraLatency);
    }
  }

  /** Everything at its default: 127.0.0.1:9090, version 1.0-SNAPSHOT, no errors, no latency. */
  public static MicroApiConfig defaults() {
    return fromEnv(Map.of());
  }

  /**
   * Reads the variables above; unset or empty ones take their defaults.
   *
   * @throws InvalidConfigException naming every variable whose value is unusable
   */
  public static MicroApiConfig fromEnv(Map<String, String> env) {
    requireNonNull(env, "env");
    var reader = new EnvReader(env);
    Optional<InetAddress> address =
        reader.read(POD_IP, MicroApiConfig::ipAddress, "must be an IPv4 or IPv6 address");
    Optional<Integer> port =
        reader.read(
            PORT, v -> integer(v, MAX_PORT), "must be an integer between 0 and " + MAX_PORT);
    Optional<Double> errorRate =
        reader.read(ERROR_RATE, MicroApiConfig::share, "must be a number between 0 and 1");
    Optional<Integer> latencyMs =
        reader.read(
            EXTRA_LATENCY_MS,
            v -> integer(v, MAX_LATENCY_MS),
            "must be an integer between 0 and " + MAX_LATENCY_MS);
    reader.throwIfInvalid();
    return new MicroApiConfig(
        address.orElseGet(() -> ipAddress(DEFAULT_POD_IP).orElseThrow()),
        port.orElse(DEFAULT_PORT),
        reader.value(APP_VERSION).orElse(DEFAULT_VERSION),
        errorRate.orElse(0.0),
        Duration.ofMillis(latencyMs.orElse(0)));
  }

  /** A copy listening on another port; tests use 0. */
  public MicroApiConfig withPort(int newPort) {
    return new MicroApiConfig(bindAddress, newPort, version, errorRate, extraLatency);
  }

  /** A copy with other knobs. */
  public MicroApiConfig withKnobs(double newErrorRate, Duration newExtraLatency) {
    return new MicroApiConfig(bindAddress, port, version, newErrorRate, newExtraLatency);
  }

  /** A copy announcing another version. */
  public MicroApiConfig withVersion(String newVersion) {
    return new MicroApiConfig(bindAddress, port, newVersion, errorRate, extraLatency);
  }

  private static Optional<InetAddress> ipAddress(String value) {
    try {
      if (IPV4.matcher(value).matches()) {
        return Optional.of(InetAddress.getByName(value)); // a literal: no DNS lookup
      }
      // Only hex digits and colons: parsed as an IPv6 literal, never looked up.
      return IPV6.matcher(value).matches()
          ? Optional.of(InetAddress.getByName(value))
          : Optional.<InetAddress>empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> integer(String value, int max) {
    if (!DIGITS.matcher(value).matches()) {
      return Optional.empty();
    }
    int parsed = Integer.parseInt(value);
    return parsed <= max ? Optional.of(parsed) : Optional.empty();
  }

  // BigDecimal, not Double.parseDouble: that one also takes "NaN", "0.5d" and "0x1p-1".
  private static Optional<Double> share(String value) {
    try {
      var share = new BigDecimal(value);
      boolean inRange = share.signum() >= 0 && share.compareTo(BigDecimal.ONE) <= 0;
      return inRange ? Optional.of(share.doubleValue()) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Reads variables one by one and remembers every bad value instead of stopping at the first. */
  private static final class EnvReader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
      this.env = env;
    }

    Optional<String> value(String name) {
      return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    /** The parsed value; empty when unset (the default applies) or invalid (then recorded). */
    <T> Optional<T> read(String name, Function<String, Optional<T>> parser, String expected) {
      Optional<String> raw = value(name);
      Optional<T> parsed = raw.flatMap(parser);
      if (raw.isPresent() && parsed.isEmpty()) {
        problems.add(name + ": Invalid value: " + JsonString.quote(raw.get()) + ": " + expected);
      }
      return parsed;
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new InvalidConfigException(problems);
      }
    }
  }
}
