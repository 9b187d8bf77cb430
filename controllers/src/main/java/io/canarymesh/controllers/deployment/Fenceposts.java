package io.canarymesh.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * {@code maxSurge} and {@code maxUnavailable} resolved against the desired replicas, in one step
 * because each depends on the other ({@code ResolveFenceposts}).
 *
 * <p>Surge rounds up and unavailable rounds down, so a rollout can always make progress without
 * ever dipping further than asked: with 3 replicas and the defaults 25%/25%, surge is ceil(0.75) =
 * 1 and unavailable floor(0.75) = 0 — one extra pod at a time, none missing. If both resolve to 0
 * (validation forbids both 0 explicitly, but "1%" of 2 rounds down to 0), unavailable becomes 1 so
 * the rollout can still move when a surge pod cannot be scheduled:
 *
 * <pre>
 * desired 2, unavailable 1%, surge 0%  → (0, 1): old -1, new +1, old -1, new +1
 * desired 2, unavailable 25%, surge 1% → (1, 0): new +1, old -1, new +1, old -1
 * desired 3, unavailable 1, surge 1    → (1, 1): the article's micro-api
 * </pre>
 */
public record Fenceposts(int maxSurge, int maxUnavailable) {

  /** An absent field counts as 0, as Kubernetes' {@code intstr.ValueOrDefault(x, 0)}. */
  public static Fenceposts resolve(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
    int surge = maxSurge == null ? 0 : IntOrPercent.scaledValue(maxSurge, desired, true);
    int unavailable =
        maxUnavailable == null ? 0 : IntOrPercent.scaledValue(maxUnavailable, desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Fenceposts(surge, unavailable);
  }
}
