package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Endpoint;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Istio's LEAST_REQUEST: the power of two choices. Two distinct endpoints are drawn at random and
 * the one with fewer requests in flight wins; on a tie the lower index wins, so the choice is a
 * pure function of the two draws and the counters.
 *
 * <p>The in-flight counters belong to the caller (it increments before sending, decrements when the
 * response ends); index {@code i} counts endpoint {@code i} of the snapshot.
 */
public final class LeastRequestPicker extends EndpointSnapshot {
  private final AtomicIntegerArray inFlight;
  private final Supplier<? extends RandomGenerator> random;

  /** Draws from the calling thread's {@link ThreadLocalRandom}. */
  public LeastRequestPicker(Endpoint[] endpoints, AtomicIntegerArray inFlight) {
    this(endpoints, inFlight, ThreadLocalRandom::current);
  }

  /** Draws from {@code random} (tests pass a seeded generator). */
  public LeastRequestPicker(
      Endpoint[] endpoints,
      AtomicIntegerArray inFlight,
      Supplier<? extends RandomGenerator> random) {
    super(endpoints);
    this.inFlight = requireNonNull(inFlight, "inFlight");
    this.random = requireNonNull(random, "random");
    if (inFlight.length() != endpoints.length) {
      throw new IllegalArgumentException(
          "inFlight: Invalid value: length "
              + inFlight.length()
              + ": must equal the number of endpoints ("
              + endpoints.length
              + ")");
    }
  }

  @Override
  public int pick() {
    int size = size();
    if (size <= 1) {
      return size - 1;
    }
    RandomGenerator generator = random.get();
    int first = generator.nextInt(size);
    int second = generator.nextInt(size - 1);
    if (second >= first) {
      second++; // skip `first`, so the two draws are distinct and uniform over the rest
    }
    return lessLoaded(first, second);
  }

  /** The index with fewer requests in flight; the lower index on a tie. */
  int lessLoaded(int a, int b) {
    int loadA = inFlight.get(a);
    int loadB = inFlight.get(b);
    if (loadA != loadB) {
      return loadA < loadB ? a : b;
    }
    return Math.min(a, b);
  }
}
