package io.canarymesh.apiserver;

import static java.util.Objects.requireNonNull;

import io.canarymesh.apiserver.discovery.DiscoveryDocuments;
import io.canarymesh.apiserver.http.DiscoveryRoutes;
import io.canarymesh.apiserver.security.BearerTokenAuthenticator;
import io.canarymesh.apiserver.security.Kubeconfig;
import io.canarymesh.apiserver.security.ServerCredentials;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.StoreConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * The control plane on a state directory: the durable store ({@code state.db}), credentials
 * generated on first start, the HTTPS API server, and a kubeconfig for kubectl ({@code
 * kubeconfig}). What {@code canary up} starts first; tests start it on port 0.
 */
public final class ControlPlane implements AutoCloseable {
  private final ObjectStore store;
  private final ApiServer server;
  private final Path kubeconfig;
  private final String token;
  private final AtomicBoolean ready;

  private ControlPlane(
      ObjectStore store, ApiServer server, Path kubeconfig, String token, AtomicBoolean ready) {
    this.store = store;
    this.server = server;
    this.kubeconfig = kubeconfig;
    this.token = token;
    this.ready = ready;
  }

  /**
   * Opens (or creates) the state in {@code stateDir} and serves the API on {@code bind}.
   *
   * @throws UncheckedIOException when the state directory cannot be used
   */
  public static ControlPlane start(Path stateDir, InetSocketAddress bind, Clock clock) {
    requireNonNull(stateDir, "stateDir");
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state directory " + stateDir, e);
    }
    ServerCredentials credentials = ServerCredentials.loadOrCreate(stateDir, clock);
    ObjectStore store =
        ObjectStore.open(stateDir.resolve("state.db"), clock, StoreConfig.defaults());
    try {
      KindRegistry registry = KindRegistry.standard();
      AtomicBoolean ready = new AtomicBoolean();
      BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(credentials.token());
      String host = bind.getAddress().getHostAddress();
      var documents = new java.util.concurrent.atomic.AtomicReference<DiscoveryDocuments>();
      ApiServer server =
          ApiServer.start(
              bind,
              Optional.of(sslContext(credentials)),
              authenticator::authenticate,
              store,
              registry,
              new DiscoveryRoutes(documents::get, ready::get),
              clock);
      String hostPort = hostForUrl(host) + ":" + server.address().getPort();
      documents.set(DiscoveryDocuments.of(registry, hostPort));
      String url = "https://" + hostPort;
      Path kubeconfig = stateDir.resolve("kubeconfig");
      Kubeconfig.write(kubeconfig, url, credentials.caPem(), credentials.token());
      ready.set(true);
      return new ControlPlane(store, server, kubeconfig, credentials.token(), ready);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static SslContext sslContext(ServerCredentials credentials) {
    try {
      return SslContextBuilder.forServer(credentials.serverKey(), credentials.serverChain())
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException(
          "cannot build the API server's TLS context: " + e.getMessage(), e);
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** The kubeconfig kubectl uses: {@code export KUBECONFIG=<this>}. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public String token() {
    return token;
  }

  /** Plugs in the pod runtime's logs, served as {@code GET .../pods/NAME/log}. */
  public void podLogs(PodLogs podLogs) {
    server.podLogs(podLogs);
  }

  public ObjectStore store() {
    return store;
  }

  @Override
  public void close() {
    ready.set(false);
    server.close();
    store.close();
  }
}
