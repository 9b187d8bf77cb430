package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.WeightedDestination;
import io.canarymesh.proxy.balance.WeightedPicker;

/**
 * A route with what the hot path needs prepared: its destinations' clusters and the weighted picker
 * that splits between them (state per route and per table, lock-free).
 *
 * @param destinations for a forwarding route, the destinations; empty otherwise
 * @param clusters the cluster of each destination, same order
 * @param picker splits by weight; null when the route does not forward
 */
record RouteEntry(
    Route route,
    WeightedDestination[] destinations,
    ClusterSnapshot[] clusters,
    WeightedPicker picker) {

  /** The destination index for the next request, or -1 when every weight is zero. */
  int pickDestination() {
    return picker.pick();
  }
}
