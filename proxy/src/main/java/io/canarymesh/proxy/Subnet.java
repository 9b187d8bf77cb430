package io.canarymesh.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A {@code destinationSubnets} entry: an address and a prefix length ({@code 10.0.0.0/8}, {@code
 * fd00::/8}); a bare address is a /32 (or /128). Parsed once per table.
 */
record Subnet(byte[] network, int prefix) {

  /**
   * Parses {@code cidr}; the compiler's validation already checked its syntax.
   *
   * @throws IllegalArgumentException when it is not an IP address with an optional prefix length
   */
  static Subnet parse(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    if (address.isEmpty() || !address.chars().allMatch(Subnet::literalChar)) {
      throw new IllegalArgumentException(
          "destinationSubnets: Invalid value: " + cidr + ": not an IP");
    }
    byte[] network;
    try {
      network = InetAddress.getByName(address).getAddress(); // a literal: never resolved
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "destinationSubnets: Invalid value: " + cidr + ": not an IP", e);
    }
    int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException(
          "destinationSubnets: Invalid value: "
              + cidr
              + ": prefix must be 0.."
              + network.length * 8);
    }
    return new Subnet(network, prefix);
  }

  /** Only IP literal characters, so {@code InetAddress} never looks a name up. */
  private static boolean literalChar(int c) {
    return Character.digit(c, 16) >= 0 || c == '.' || c == ':';
  }

  /** Whether {@code address} is in this subnet (an IPv4 address is never in an IPv6 subnet). */
  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (bytes[whole] & mask) == (network[whole] & mask);
  }
}
