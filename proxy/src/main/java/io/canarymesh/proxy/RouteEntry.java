package io.canarymesh.proxy;

import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.WeightedDestination;
import io.canarymesh.proxy.balance.StickyWeightedPicker;
import io.canarymesh.proxy.balance.WeightedPicker;

/**
 * A route with what the hot path needs prepared: its destinations' clusters and the weighted picker
 * that splits between them (state per route and per table, lock-free).
 *
 * @param destinations for a forwarding route, the destinations; empty otherwise
 * @param clusters the cluster of each destination, same order
 * @param picker splits by weight; null when the route does not forward
 * @param sticky version stickiness: when every destination's cluster hashes on the same key, a
 *     user's key picks the destination through weight buckets (MESH.md "Known user pain"); null
 *     otherwise
 * @param stickyKey the key {@code sticky} hashes
 * @param sources the source conditions of each match entry (same order; null for an entry without
 *     any), or null when no entry has one
 */
record RouteEntry(
    Route route,
    WeightedDestination[] destinations,
    ClusterSnapshot[] clusters,
    WeightedPicker picker,
    StickyWeightedPicker sticky,
    LbPolicy.HashKey stickyKey,
    SourceCondition[] sources) {

  /**
   * The destination index for the request with hash key value {@code key} (null when it has none),
   * or -1 when every weight is zero.
   */
  int pickDestination(String key) {
    return sticky != null && key != null ? sticky.pick(key) : picker.pick();
  }
}
