package io.canarymesh.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks a listener's virtual host by the Host header, as Envoy does: an exact domain first, then
 * the longest matching {@code *.suffix}, then {@code *}. Exact names are indexed with and without
 * the listener's port, so the common request ({@code Host: name} or {@code Host: name:port}) costs
 * one hash lookup and no allocation.
 */
final class HostSelector {
  private final Map<String, VirtualHostRoutes> exact = new HashMap<>();
  private final String[] suffixes;
  private final VirtualHostRoutes[] suffixHosts;
  private final VirtualHostRoutes any;

  HostSelector(List<VirtualHostRoutes> hosts, int port) {
    List<Map.Entry<String, VirtualHostRoutes>> wildcards = new ArrayList<>();
    VirtualHostRoutes star = null;
    for (VirtualHostRoutes host : hosts) {
      for (String domain : host.virtualHost().domains()) {
        String lower = domain.toLowerCase(Locale.ROOT);
        if (lower.equals("*")) {
          star = star == null ? host : star;
        } else if (lower.startsWith("*")) {
          wildcards.add(Map.entry(lower.substring(1), host));
        } else {
          exact.putIfAbsent(lower, host);
          exact.putIfAbsent(lower + ":" + port, host);
        }
      }
    }
    wildcards.sort(
        Comparator.comparingInt((Map.Entry<String, VirtualHostRoutes> e) -> e.getKey().length())
            .reversed());
    suffixes = wildcards.stream().map(Map.Entry::getKey).toArray(String[]::new);
    suffixHosts = wildcards.stream().map(Map.Entry::getValue).toArray(VirtualHostRoutes[]::new);
    any = star;
  }

  /** The virtual host serving {@code host} (a Host header, maybe with a port), or null. */
  VirtualHostRoutes select(String host) {
    if (host == null) {
      return any;
    }
    VirtualHostRoutes found = exact.get(host);
    if (found != null) {
      return found;
    }
    return selectSlow(host);
  }

  private VirtualHostRoutes selectSlow(String host) {
    String name = stripPort(host);
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      name = name.toLowerCase(Locale.ROOT);
    }
    VirtualHostRoutes found = exact.get(name);
    if (found != null) {
      return found;
    }
    for (int i = 0; i < suffixes.length; i++) {
      String suffix = suffixes[i];
      // the '*' stands for at least one character
      if (name.length() > suffix.length() && name.endsWith(suffix)) {
        return suffixHosts[i];
      }
    }
    return any;
  }

  /** {@code example.com:80} → {@code example.com}; {@code [::1]:80} → {@code [::1]}. */
  static String stripPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || host.indexOf(']', colon) >= 0) {
      return host;
    }
    if (host.indexOf(':') != colon && !host.startsWith("[")) {
      return host; // a bare IPv6 address
    }
    return host.substring(0, colon);
  }
}
