package io.canarymesh.proxy;

import io.canarymesh.mesh.model.ClientWorkload;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table's client workloads by address, for a mesh listener to find who is calling. One shared
 * proxy serves every pod, and each pod's connections come from its own pod IP, so the connection's
 * remote address names the caller. Immutable; a lookup is one hash probe ({@code Inet4Address}
 * hashes and compares its int) and allocates nothing.
 */
final class ClientWorkloads {
  /** For gateway listeners, whose source conditions the compiler already decided. */
  static final ClientWorkloads NONE = new ClientWorkloads(Map.of());

  private final Map<InetAddress, ClientWorkload> byAddress;

  private ClientWorkloads(Map<InetAddress, ClientWorkload> byAddress) {
    this.byAddress = byAddress;
  }

  /** Indexes {@code clients}; one whose address is not an IPv4 literal can never be found. */
  static ClientWorkloads of(List<ClientWorkload> clients) {
    Map<InetAddress, ClientWorkload> byAddress = new HashMap<>();
    for (ClientWorkload client : clients) {
      InetAddress address = ipv4(client.address());
      if (address != null) {
        byAddress.putIfAbsent(address, client);
      }
    }
    return byAddress.isEmpty() ? NONE : new ClientWorkloads(Map.copyOf(byAddress));
  }

  /** The workload calling from {@code remote}, or null when it is none we know. */
  ClientWorkload find(SocketAddress remote) {
    return remote instanceof InetSocketAddress address && address.getAddress() != null
        ? byAddress.get(address.getAddress())
        : null;
  }

  /** A dotted-quad literal as an address, without a DNS lookup; null for anything else. */
  static InetAddress ipv4(String literal) {
    String[] parts = literal.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      throw new AssertionError(impossible); // four bytes are always an address
    }
  }
}
