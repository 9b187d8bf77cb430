package io.canarymesh.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The IPv4 addresses something on this machine listens on, from Linux's {@code /proc/net/tcp}: a
 * pod IP held by a process the runtime does not know (another platform, a leftover) is not handed
 * out again. Where the file cannot be read, nothing counts as busy.
 */
final class ListeningAddresses {
  private static final Path TCP = Path.of("/proc/net/tcp");
  private static final String LISTEN = "0A";

  private ListeningAddresses() {}

  static Set<String> current() {
    try {
      return parse(Files.readAllLines(TCP));
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }

  /**
   * The listening addresses in {@code /proc/net/tcp} lines: {@code 0100F47F:2382 00000000:0000 0A}
   * is 127.244.0.1:9090 listening (the address is little-endian hex).
   */
  static Set<String> parse(List<String> lines) {
    Set<String> addresses = new HashSet<>();
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 4 || !fields[3].equals(LISTEN) || !fields[1].contains(":")) {
        continue;
      }
      String hex = fields[1].substring(0, fields[1].indexOf(':'));
      if (hex.length() != 8) {
        continue;
      }
      long value = Long.parseLong(hex, 16);
      addresses.add(
          (value & 0xff)
              + "."
              + ((value >> 8) & 0xff)
              + "."
              + ((value >> 16) & 0xff)
              + "."
              + ((value >> 24) & 0xff));
    }
    return addresses;
  }
}
