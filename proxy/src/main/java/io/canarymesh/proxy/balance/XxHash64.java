package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * xxHash64 (Yann Collet's XXH64, written from its specification), the hash Envoy uses for ring hash
 * and Maglev: both for the hosts' ring entries and for request keys. Stable across runs and
 * machines, unlike {@code hashCode()}.
 *
 * <p>Keys are hashed as their UTF-8 bytes. An ASCII key (every header value, cookie and IP address
 * in practice) is read character by character without allocating; any other key is encoded once
 * into a byte array first.
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  /** XXH64 of {@code key}'s UTF-8 bytes with seed 0 (Envoy's {@code HashUtil::xxHash64}). */
  public static long hash(CharSequence key) {
    return hash(key, 0);
  }

  /** XXH64 of {@code key}'s UTF-8 bytes with {@code seed}. */
  public static long hash(CharSequence key, long seed) {
    requireNonNull(key, "key");
    for (int i = 0, n = key.length(); i < n; i++) {
      if (key.charAt(i) >= 0x80) {
        byte[] utf8 = key.toString().getBytes(StandardCharsets.UTF_8);
        return hashOctets(new String(utf8, StandardCharsets.ISO_8859_1), seed);
      }
    }
    return hashOctets(key, seed);
  }

  /** XXH64 over {@code octets}, whose every character is one byte (0–255). */
  private static long hashOctets(CharSequence octets, long seed) {
    int length = octets.length();
    int offset = 0;
    long hash;
    if (length >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; offset <= length - 32; offset += 32) {
        v1 = round(v1, long64(octets, offset));
        v2 = round(v2, long64(octets, offset + 8));
        v3 = round(v3, long64(octets, offset + 16));
        v4 = round(v4, long64(octets, offset + 24));
      }
      hash =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      hash = merge(merge(merge(merge(hash, v1), v2), v3), v4);
    } else {
      hash = seed + P5;
    }
    hash += length;
    for (; offset <= length - 8; offset += 8) {
      hash ^= round(0, long64(octets, offset));
      hash = Long.rotateLeft(hash, 27) * P1 + P4;
    }
    if (offset <= length - 4) {
      hash ^= (int32(octets, offset) & 0xFFFFFFFFL) * P1;
      hash = Long.rotateLeft(hash, 23) * P2 + P3;
      offset += 4;
    }
    for (; offset < length; offset++) {
      hash ^= (octets.charAt(offset) & 0xFF) * P5;
      hash = Long.rotateLeft(hash, 11) * P1;
    }
    return avalanche(hash);
  }

  private static long round(long accumulator, long input) {
    return Long.rotateLeft(accumulator + input * P2, 31) * P1;
  }

  private static long merge(long hash, long accumulator) {
    return (hash ^ round(0, accumulator)) * P1 + P4;
  }

  private static long avalanche(long hash) {
    hash ^= hash >>> 33;
    hash *= P2;
    hash ^= hash >>> 29;
    hash *= P3;
    return hash ^ (hash >>> 32);
  }

  /** Eight octets from {@code offset}, little-endian. */
  private static long long64(CharSequence octets, int offset) {
    return (int32(octets, offset) & 0xFFFFFFFFL) | ((long) int32(octets, offset + 4) << 32);
  }

  /** Four octets from {@code offset}, little-endian. */
  private static int int32(CharSequence octets, int offset) {
    return (octets.charAt(offset) & 0xFF)
        | (octets.charAt(offset + 1) & 0xFF) << 8
        | (octets.charAt(offset + 2) & 0xFF) << 16
        | (octets.charAt(offset + 3) & 0xFF) << 24;
  }
}
