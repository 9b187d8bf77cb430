package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.LbPolicy;
import java.util.Arrays;

/**
 * Envoy's ring hash (ketama): every host owns points on a 64-bit ring, as many as its share of the
 * weight; a key belongs to the first point at or after its hash (wrapping to the first point).
 *
 * <p>Points: host {@code h} with key {@code "ip:port"} gets the points {@code
 * xxHash64("ip:port_0")}, {@code xxHash64("ip:port_1")}, … as Envoy names them. The ring holds
 * about {@code scale} points, where {@code scale} is the smallest that gives the lightest host at
 * least one point per {@code minimumRingSize} share, capped at {@link #MAXIMUM_RING_SIZE}. Worked
 * example: minimum 1024, 3 equal hosts → each has 342 points (1026 in all); weights 1 and 3 → the
 * light host's share is 1/4, scale = ceil(1024 × 1/4) / (1/4) = 1024, so 256 and 768 points.
 */
public final class RingHashTable implements ConsistentHashTable {
  /** Envoy's default {@code maximum_ring_size}, also the most {@code minimumRingSize} may ask. */
  public static final int MAXIMUM_RING_SIZE = LbPolicy.RingHash.MAXIMUM_RING_SIZE;

  private final long[] points;
  private final int[] owners;
  private final int hosts;

  private RingHashTable(long[] points, int[] owners, int hosts) {
    this.points = points;
    this.owners = owners;
    this.hosts = hosts;
  }

  /**
   * A ring over {@code hostKeys} (their {@code "ip:port"}) with relative {@code weights}.
   *
   * @throws IllegalArgumentException if the arrays differ in length, a weight is not positive, or
   *     {@code minimumRingSize} is not in [1, {@value #MAXIMUM_RING_SIZE}]
   */
  public static RingHashTable build(String[] hostKeys, int[] weights, int minimumRingSize) {
    requireNonNull(hostKeys, "hostKeys");
    checkWeights(hostKeys, weights);
    if (minimumRingSize < 1 || minimumRingSize > MAXIMUM_RING_SIZE) {
      throw new IllegalArgumentException(
          "minimumRingSize: Invalid value: "
              + minimumRingSize
              + ": must be between 1 and "
              + MAXIMUM_RING_SIZE);
    }
    int[] counts = pointCounts(weights, minimumRingSize);
    int total = Arrays.stream(counts).sum();
    long[] entries = new long[total];
    int[] entryOwners = new int[total];
    int next = 0;
    for (int host = 0; host < hostKeys.length; host++) {
      for (int i = 0; i < counts[host]; i++) {
        entries[next] = XxHash64.hash(hostKeys[host] + "_" + i);
        entryOwners[next++] = host;
      }
    }
    return sorted(entries, entryOwners, hostKeys);
  }

  /**
   * Points per host: the running target {@code scale × weight share}, rounded up as it grows, so
   * the counts add up to about {@code scale} and none is zero.
   */
  static int[] pointCounts(int[] weights, int minimumRingSize) {
    long sum = Weights.sum(weights);
    double minShare = Arrays.stream(weights).min().orElse(1) / (double) sum;
    double scale =
        Math.min(Math.ceil(minShare * minimumRingSize) / minShare, (double) MAXIMUM_RING_SIZE);
    int[] counts = new int[weights.length];
    double target = 0;
    long placed = 0;
    for (int host = 0; host < weights.length; host++) {
      target += scale * weights[host] / sum;
      long upTo = Math.max(placed + 1, (long) Math.ceil(target - 1e-9));
      counts[host] = (int) (upTo - placed);
      placed = upTo;
    }
    return counts;
  }

  /**
   * Sorts the points (unsigned) and gives each its owner; on equal points the host with the smaller
   * key comes first, so the ring does not depend on the order the endpoints were listed in.
   * Primitive arrays only: a ring may hold millions of points.
   */
  private static RingHashTable sorted(long[] entries, int[] entryOwners, String[] hostKeys) {
    long[] points = new long[entries.length];
    for (int i = 0; i < entries.length; i++) {
      points[i] = entries[i] ^ Long.MIN_VALUE; // signed order of the flipped value = unsigned order
    }
    Arrays.sort(points);
    int[] owners = new int[entries.length];
    Arrays.fill(owners, -1);
    Integer[] hostOrder = new Integer[hostKeys.length];
    Arrays.setAll(hostOrder, i -> i);
    Arrays.sort(hostOrder, (a, b) -> hostKeys[a].compareTo(hostKeys[b]));
    int[] firstEntry = new int[hostKeys.length + 1];
    for (int owner : entryOwners) {
      firstEntry[owner + 1]++;
    }
    Arrays.parallelPrefix(firstEntry, Integer::sum); // entries are grouped by host, in host order
    for (int host : hostOrder) {
      for (int e = firstEntry[host]; e < firstEntry[host + 1]; e++) {
        int slot = Arrays.binarySearch(points, entries[e] ^ Long.MIN_VALUE);
        while (slot > 0 && points[slot - 1] == points[slot]) {
          slot--; // binarySearch may land anywhere in a run of equal points
        }
        while (owners[slot] >= 0) {
          slot++; // taken by a host with a smaller key, or this host's own equal point
        }
        owners[slot] = host;
      }
    }
    for (int i = 0; i < points.length; i++) {
      points[i] ^= Long.MIN_VALUE;
    }
    return new RingHashTable(points, owners, hostKeys.length);
  }

  /** The owner of the first point at or after {@code keyHash} (unsigned), wrapping around. */
  @Override
  public int pick(long keyHash) {
    if (points.length == 0) {
      return -1;
    }
    int low = 0;
    int high = points.length; // first index whose point >= keyHash lies in [low, high]
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (Long.compareUnsigned(points[mid], keyHash) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return owners[low == points.length ? 0 : low];
  }

  @Override
  public int size() {
    return hosts;
  }

  /** How many points the ring holds. */
  public int ringSize() {
    return points.length;
  }

  static void checkWeights(String[] hostKeys, int[] weights) {
    requireNonNull(weights, "weights");
    if (weights.length != hostKeys.length) {
      throw new IllegalArgumentException(
          "weights: Invalid value: length "
              + weights.length
              + ": must equal the number of hosts ("
              + hostKeys.length
              + ")");
    }
    for (int i = 0; i < weights.length; i++) {
      requireNonNull(hostKeys[i], "hostKeys[" + i + "]");
      if (weights[i] < 1) {
        throw new IllegalArgumentException(
            "weights[" + i + "]: Invalid value: " + weights[i] + ": must be positive");
      }
    }
  }
}
