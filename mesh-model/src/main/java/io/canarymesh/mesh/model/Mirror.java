package io.canarymesh.mesh.model;

/**
 * A copy of each request (of a percentage of them) sent to another cluster; its response is
 * discarded and it never slows the primary request.
 *
 * @param cluster the cluster receiving the copies
 * @param percentage of requests mirrored, 0..100
 */
public record Mirror(String cluster, double percentage) {
  public Mirror {
    Checks.nonBlank(cluster, "mirror cluster");
    Checks.percentage(percentage, "mirror percentage");
  }
}
