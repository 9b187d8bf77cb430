package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Endpoint;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Istio's RANDOM: a uniformly random endpoint for each request. */
public final class RandomPicker extends EndpointSnapshot {
  private final Supplier<? extends RandomGenerator> random;

  /** Draws from the calling thread's {@link ThreadLocalRandom}. */
  public RandomPicker(Endpoint[] endpoints) {
    this(endpoints, ThreadLocalRandom::current);
  }

  /** Draws from {@code random} (tests pass a seeded generator). */
  public RandomPicker(Endpoint[] endpoints, Supplier<? extends RandomGenerator> random) {
    super(endpoints);
    this.random = requireNonNull(random, "random");
  }

  @Override
  public int pick() {
    int size = size();
    if (size == 0) {
      return -1;
    }
    return random.get().nextInt(size);
  }
}
