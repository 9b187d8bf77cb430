package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

/**
 * Fast, allocation-free 64-bit hashes for stickiness keys (a header or cookie value).
 *
 * <p>FNV-1a 64 over the UTF-16 code units, then the SplitMix64 finalizer: FNV-1a alone mixes its
 * low bits poorly for short keys that differ only in their last character ("user-1", "user-2"), and
 * the finalizer spreads every input bit over every output bit.
 */
public final class KeyHash {
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private KeyHash() {}

  /** The 64-bit hash of {@code key}; equal character sequences hash equally. */
  public static long hash64(CharSequence key) {
    requireNonNull(key, "key");
    long hash = FNV_OFFSET_BASIS;
    for (int i = 0, n = key.length(); i < n; i++) {
      char c = key.charAt(i);
      hash = (hash ^ (c & 0xff)) * FNV_PRIME;
      hash = (hash ^ (c >>> 8)) * FNV_PRIME;
    }
    return mix(hash);
  }

  /** SplitMix64's finalizer: a bijection on 64-bit values with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
