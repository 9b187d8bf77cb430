package io.canarymesh.node;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pod IPs from {@code 127.244.0.0/16} (ARCHITECTURE.md §Local networking model), one per live pod:
 * the configured first one ({@code 127.244.0.1} by default), then the next free one. A pod
 * restarted by a new runtime asks for the IP its status recorded and keeps it when no other live
 * pod holds it. An IP that something else on the machine listens on (another platform, a leftover
 * process: see {@link ListeningAddresses}) is skipped, so a pod never shares its IP.
 */
final class PodIpAllocator {
  private static final int SIZE = 1 << 16;
  private final Map<String, String> owners = new HashMap<>();
  private final Supplier<Set<String>> busy;
  private final int first;

  /**
   * @param first where the search for a free IP starts (wrapping around the range)
   */
  PodIpAllocator(String first, Supplier<Set<String>> busy) {
    String[] parts = first.split("\\.");
    this.first = (Integer.parseInt(parts[2]) << 8) | Integer.parseInt(parts[3]);
    this.busy = busy;
  }

  /**
   * An IP for {@code podUid}: its own if it has one, {@code preferred} when free, else the lowest.
   */
  synchronized String allocate(String podUid, Optional<String> preferred) {
    for (var entry : owners.entrySet()) {
      if (entry.getValue().equals(podUid)) {
        return entry.getKey();
      }
    }
    Set<String> taken = busy.get();
    if (preferred.isPresent() && inRange(preferred.get()) && free(preferred.get(), taken)) {
      owners.put(preferred.get(), podUid);
      return preferred.get();
    }
    for (int n = 0; n < SIZE; n++) {
      int i = (first + n) % SIZE;
      String ip = "127.244." + (i >> 8) + "." + (i & 0xff);
      if ((i & 0xff) != 0 && (i & 0xff) != 255 && free(ip, taken)) {
        owners.put(ip, podUid);
        return ip;
      }
    }
    throw new IllegalStateException("no free pod IP left in 127.244.0.0/16");
  }

  private boolean free(String ip, Set<String> taken) {
    return !owners.containsKey(ip) && !taken.contains(ip);
  }

  synchronized void release(String podUid) {
    owners.values().removeIf(podUid::equals);
  }

  static boolean inRange(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4 || !parts[0].equals("127") || !parts[1].equals("244")) {
      return false;
    }
    try {
      int c = Integer.parseInt(parts[2]);
      int d = Integer.parseInt(parts[3]);
      return c >= 0 && c <= 255 && d >= 1 && d <= 254;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
