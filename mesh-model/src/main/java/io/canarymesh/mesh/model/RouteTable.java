package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the proxy needs to serve traffic, compiled once per configuration change and swapped
 * in as a whole. Listeners carry their virtual hosts and routes; routes name clusters, which are
 * listed once here.
 *
 * @param version the caller's generation counter: a later table has a larger version
 * @param listeners sorted by address then port; no two share an address and port
 * @param clusters sorted by name; names are unique
 * @param clients the workloads that may call mesh listeners, sorted by address; addresses are
 *     unique. A connection from any other address has no workload: its {@code sourceLabels} and
 *     {@code sourceNamespace} matches fail.
 */
public record RouteTable(
    long version, List<Listener> listeners, List<Cluster> clusters, List<ClientWorkload> clients) {
  private static final Comparator<Listener> LISTENER_ORDER =
      Comparator.comparing(Listener::address).thenComparingInt(Listener::port);

  public RouteTable {
    listeners = listeners.stream().sorted(LISTENER_ORDER).toList();
    clusters = clusters.stream().sorted(Comparator.comparing(Cluster::name)).toList();
    for (int i = 1; i < listeners.size(); i++) {
      if (LISTENER_ORDER.compare(listeners.get(i - 1), listeners.get(i)) == 0) {
        throw new IllegalArgumentException("duplicate listener " + listeners.get(i).name());
      }
    }
    for (int i = 1; i < clusters.size(); i++) {
      if (clusters.get(i - 1).name().equals(clusters.get(i).name())) {
        throw new IllegalArgumentException("duplicate cluster " + clusters.get(i).name());
      }
    }
    clients = clients.stream().sorted(Comparator.comparing(ClientWorkload::address)).toList();
    for (int i = 1; i < clients.size(); i++) {
      if (clients.get(i - 1).address().equals(clients.get(i).address())) {
        throw new IllegalArgumentException("duplicate client workload " + clients.get(i).address());
      }
    }
  }

  /** A table without client workloads (no source-conditioned route can match on it). */
  public RouteTable(long version, List<Listener> listeners, List<Cluster> clusters) {
    this(version, listeners, clusters, List.of());
  }

  /** A table with nothing in it, served before the first configuration arrives. */
  public static RouteTable empty() {
    return new RouteTable(0, List.of(), List.of(), List.of());
  }

  /** The cluster named {@code name}, found by binary search over the sorted list. */
  public Optional<Cluster> cluster(String name) {
    requireNonNull(name, "name");
    int low = 0;
    int high = clusters.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = clusters.get(middle).name().compareTo(name);
      if (order == 0) {
        return Optional.of(clusters.get(middle));
      }
      if (order < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return Optional.empty();
  }

  /** The listener bound to {@code address:port}, if any. */
  public Optional<Listener> listener(String address, int port) {
    requireNonNull(address, "address");
    return listeners.stream()
        .filter(l -> l.port() == port && l.address().equals(address))
        .findFirst();
  }
}
