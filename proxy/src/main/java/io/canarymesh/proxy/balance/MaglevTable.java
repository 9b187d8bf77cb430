package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.LbPolicy;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Envoy's Maglev: a lookup table of prime size {@code M} in which every host fills its share of
 * slots; a key goes to {@code table[keyHash mod M]}. Removing a host moves its own keys and only a
 * few others (Maglev promises "minimal disruption", not none).
 *
 * <p>Population (Maglev paper, section 3.4, with Envoy's weighting): host {@code h} with key {@code
 * "ip:port"} has {@code offset = xxHash64(key, seed 0) mod M} and {@code skip = xxHash64(key, seed
 * 1) mod (M − 1) + 1}; its preference list is {@code (offset + j × skip) mod M}, a permutation of
 * all slots because {@code M} is prime. In rounds, each host whose turn it is (a host of weight w
 * takes a turn every maxWeight / w rounds) claims its next preferred slot still empty, until the
 * table is full. Hosts take turns in key order, so the table does not depend on the endpoint order.
 */
public final class MaglevTable implements ConsistentHashTable {
  /** Envoy's default table size. */
  public static final int DEFAULT_TABLE_SIZE = LbPolicy.Maglev.DEFAULT_TABLE_SIZE;

  /** Table sizes must stay below this (Istio's validation, Envoy's limit). */
  public static final int MAXIMUM_TABLE_SIZE = LbPolicy.Maglev.MAXIMUM_TABLE_SIZE;

  private final int[] table;
  private final int hosts;

  private MaglevTable(int[] table, int hosts) {
    this.table = table;
    this.hosts = hosts;
  }

  /**
   * A table of {@code tableSize} slots over {@code hostKeys} with relative {@code weights}.
   *
   * @throws IllegalArgumentException if the arrays differ in length, a weight is not positive, or
   *     {@code tableSize} is not a prime below {@value #MAXIMUM_TABLE_SIZE}
   */
  public static MaglevTable build(String[] hostKeys, int[] weights, int tableSize) {
    requireNonNull(hostKeys, "hostKeys");
    RingHashTable.checkWeights(hostKeys, weights);
    if (!validTableSize(tableSize)) {
      throw new IllegalArgumentException(
          "tableSize: Invalid value: "
              + tableSize
              + ": must be a prime number below "
              + MAXIMUM_TABLE_SIZE);
    }
    int[] table = new int[tableSize];
    Arrays.fill(table, -1);
    if (hostKeys.length > 0) {
      populate(table, hostKeys, weights);
    }
    return new MaglevTable(table, hostKeys.length);
  }

  /** Whether {@code size} is a prime in [2, {@value #MAXIMUM_TABLE_SIZE}). */
  public static boolean validTableSize(long size) {
    return LbPolicy.Maglev.validTableSize(size);
  }

  private static void populate(int[] table, String[] hostKeys, int[] weights) {
    int size = table.length;
    Integer[] order = new Integer[hostKeys.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing(i -> hostKeys[i]));
    long[] offset = new long[hostKeys.length];
    long[] skip = new long[hostKeys.length];
    long[] next = new long[hostKeys.length];
    double[] turnDue = new double[hostKeys.length];
    double maxWeight = Arrays.stream(weights).max().getAsInt();
    for (int host = 0; host < hostKeys.length; host++) {
      offset[host] = Long.remainderUnsigned(XxHash64.hash(hostKeys[host], 0), size);
      skip[host] = Long.remainderUnsigned(XxHash64.hash(hostKeys[host], 1), size - 1) + 1;
    }
    int filled = 0;
    for (long round = 1; filled < size; round++) {
      for (int k = 0; k < order.length && filled < size; k++) {
        int host = order[k];
        if (round * (double) weights[host] < turnDue[host]) {
          continue; // a lighter host sits out rounds: weight w plays every maxWeight / w rounds
        }
        turnDue[host] += maxWeight;
        int slot = (int) ((offset[host] + next[host] * skip[host]) % size);
        while (table[slot] >= 0) {
          next[host]++;
          slot = (int) ((offset[host] + next[host] * skip[host]) % size);
        }
        table[slot] = host;
        next[host]++;
        filled++;
      }
    }
  }

  @Override
  public int pick(long keyHash) {
    return table[(int) Long.remainderUnsigned(keyHash, table.length)];
  }

  @Override
  public int size() {
    return hosts;
  }
}
