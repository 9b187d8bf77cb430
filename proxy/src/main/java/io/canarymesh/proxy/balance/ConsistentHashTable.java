package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.LbPolicy;
import java.util.Arrays;

/**
 * A consistent-hash lookup built once per cluster snapshot: the same key hash always gives the same
 * endpoint while the endpoints stay, and removing one endpoint moves few other keys. {@link
 * #pick(long)} neither allocates nor locks.
 */
public interface ConsistentHashTable {
  /**
   * The table {@code kind} asks for over {@code hostKeys} ({@code "ip:port"}), every host with
   * weight 1 (the mesh model carries no endpoint weights).
   */
  static ConsistentHashTable of(LbPolicy.HashTable kind, String[] hostKeys) {
    requireNonNull(kind, "kind");
    int[] weights = new int[hostKeys.length];
    Arrays.fill(weights, 1);
    return switch (kind) {
      case LbPolicy.RingHash ring -> RingHashTable.build(hostKeys, weights, ring.minimumRingSize());
      case LbPolicy.Maglev maglev -> MaglevTable.build(hostKeys, weights, maglev.tableSize());
    };
  }

  /** The endpoint index (into the host keys the table was built from) for {@code keyHash}. */
  int pick(long keyHash);

  /** How many endpoints the table was built over. */
  int size();
}
