package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

/**
 * One destination of a forwarding route.
 *
 * @param cluster the name of a cluster in the route table
 * @param weight relative weight, not negative
 * @param requestHeaders applied to requests sent to this destination
 * @param responseHeaders applied to responses from this destination
 */
public record WeightedDestination(
    String cluster, int weight, HeaderOperations requestHeaders, HeaderOperations responseHeaders) {
  public WeightedDestination {
    Checks.nonBlank(cluster, "destination cluster");
    Checks.nonNegative(weight, "weight of " + cluster);
    requireNonNull(requestHeaders, "requestHeaders");
    requireNonNull(responseHeaders, "responseHeaders");
  }

  /** A destination with no header operations. */
  public static WeightedDestination of(String cluster, int weight) {
    return new WeightedDestination(cluster, weight, HeaderOperations.NONE, HeaderOperations.NONE);
  }
}
