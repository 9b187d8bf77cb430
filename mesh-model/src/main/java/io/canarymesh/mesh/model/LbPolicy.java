package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** How a cluster picks an endpoint ({@code trafficPolicy.loadBalancer}). */
public sealed interface LbPolicy {

  /**
   * The policy when no DestinationRule sets one. Istio's default is LEAST_REQUEST; ours is RANDOM,
   * so a Service with no mesh configuration balances as kube-proxy does (see README).
   */
  LbPolicy DEFAULT = new Simple(Algorithm.RANDOM, Optional.empty());

  /** {@code loadBalancer.simple}. */
  enum Algorithm {
    ROUND_ROBIN,
    /** Power of two random choices, fewer active requests wins. */
    LEAST_REQUEST,
    RANDOM,
    /** To the address the client asked for, without balancing. */
    PASSTHROUGH
  }

  /**
   * A simple algorithm, with slow start when {@code warmup} is present (ROUND_ROBIN and
   * LEAST_REQUEST only).
   */
  record Simple(Algorithm algorithm, Optional<Warmup> warmup) implements LbPolicy {
    public Simple {
      requireNonNull(algorithm, "algorithm");
      requireNonNull(warmup, "warmup");
      if (warmup.isPresent()
          && algorithm != Algorithm.ROUND_ROBIN
          && algorithm != Algorithm.LEAST_REQUEST) {
        throw new IllegalArgumentException("warmup applies to ROUND_ROBIN and LEAST_REQUEST only");
      }
    }

    public static Simple of(Algorithm algorithm) {
      return new Simple(algorithm, Optional.empty());
    }
  }

  /**
   * Slow start: a new endpoint's share grows from {@code minimumPercent} to full over {@code
   * duration}, shaped by {@code aggression}.
   */
  record Warmup(Duration duration, double minimumPercent, double aggression) {
    public Warmup {
      Checks.nonNegative(duration, "warmup duration");
      Checks.percentage(minimumPercent, "warmup minimumPercent");
      // Istio's validation and Envoy accept any positive aggression (below 1 ramps up slower)
      if (!(aggression > 0) || Double.isInfinite(aggression)) {
        throw new IllegalArgumentException("warmup aggression must be > 0, got " + aggression);
      }
    }
  }

  /**
   * {@code consistentHash}: the same key goes to the same endpoint while the endpoints last.
   *
   * @param key what is hashed
   * @param table ring hash or Maglev
   */
  record ConsistentHash(HashKey key, HashTable table) implements LbPolicy {
    public ConsistentHash {
      requireNonNull(key, "key");
      requireNonNull(table, "table");
    }
  }

  /** What a consistent hash hashes. */
  sealed interface HashKey {}

  /** A request header's value. */
  record HeaderKey(String name) implements HashKey {
    public HeaderKey {
      Checks.nonBlank(name, "hash header name");
      name = name.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A cookie's value; when absent, the proxy generates one with this path and time to live.
   *
   * @param ttl empty = a session cookie is not generated (Envoy: no ttl, no generation)
   */
  record CookieKey(String name, Optional<String> path, Optional<Duration> ttl) implements HashKey {
    public CookieKey {
      Checks.nonBlank(name, "hash cookie name");
      requireNonNull(path, "path");
      requireNonNull(ttl, "ttl");
    }
  }

  /** The client's IP address. */
  record SourceIpKey() implements HashKey {}

  /** A query parameter's value. */
  record QueryParameterKey(String name) implements HashKey {
    public QueryParameterKey {
      Checks.nonBlank(name, "hash query parameter name");
    }
  }

  /** The consistent-hash table. */
  sealed interface HashTable {}

  /**
   * Ketama ring; Istio and Envoy default to at least 1024 entries, and Envoy accepts at most
   * {@value #MAXIMUM_RING_SIZE} (its maximum ring size).
   */
  record RingHash(int minimumRingSize) implements HashTable {
    public static final int DEFAULT_MINIMUM_RING_SIZE = 1024;
    public static final int MAXIMUM_RING_SIZE = 8 * 1024 * 1024;

    public RingHash {
      Checks.positive(minimumRingSize, "minimumRingSize");
      if (minimumRingSize > MAXIMUM_RING_SIZE) {
        throw new IllegalArgumentException(
            "minimumRingSize must be at most " + MAXIMUM_RING_SIZE + ", got " + minimumRingSize);
      }
    }
  }

  /**
   * Maglev; the table size must be a prime below {@value #MAXIMUM_TABLE_SIZE} (65537 by default),
   * as Istio's validation and Envoy require.
   */
  record Maglev(int tableSize) implements HashTable {
    public static final int DEFAULT_TABLE_SIZE = 65537;
    public static final int MAXIMUM_TABLE_SIZE = 5000011;

    public Maglev {
      if (!validTableSize(tableSize)) {
        throw new IllegalArgumentException(
            "maglev tableSize must be a prime number below "
                + MAXIMUM_TABLE_SIZE
                + ", got "
                + tableSize);
      }
    }

    /** Whether {@code size} is a prime in [2, {@value #MAXIMUM_TABLE_SIZE}). */
    public static boolean validTableSize(long size) {
      if (size < 2 || size >= MAXIMUM_TABLE_SIZE) {
        return false;
      }
      for (long divisor = 2; divisor * divisor <= size; divisor++) {
        if (size % divisor == 0) {
          return false;
        }
      }
      return true;
    }
  }
}
