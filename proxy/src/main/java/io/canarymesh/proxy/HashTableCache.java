package io.canarymesh.proxy;

import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.proxy.balance.ConsistentHashTable;
import java.util.Arrays;

/**
 * The last ring hash or Maglev table built for one cluster, kept across route tables: most table
 * swaps change something else, and a Maglev table (65537 slots by default) is not worth rebuilding
 * for an unchanged endpoint list.
 */
final class HashTableCache {
  private LbPolicy.HashTable kind;
  private String[] hostKeys;
  private ConsistentHashTable table;

  /** The table {@code kind} over {@code hostKeys}, the previous one when both are unchanged. */
  synchronized ConsistentHashTable get(LbPolicy.HashTable kind, String[] hostKeys) {
    if (table == null || !kind.equals(this.kind) || !Arrays.equals(hostKeys, this.hostKeys)) {
      table = ConsistentHashTable.of(kind, hostKeys);
      this.kind = kind;
      this.hostKeys = hostKeys.clone();
    }
    return table;
  }
}
