package io.canarymesh.apiserver;

import static java.util.Objects.requireNonNull;

import io.canarymesh.apiserver.http.ApiHttpServer;
import io.canarymesh.apiserver.http.NonResourceRoutes;
import io.canarymesh.apiserver.rest.ResourceHandler;
import io.canarymesh.apiserver.rest.WatchHandler;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.store.ObjectStore;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The API server: the REST verbs and watches over an {@link ObjectStore}, discovery, and the HTTPS
 * edge. Creates the built-in namespaces on start. The caller owns the store.
 */
public final class ApiServer implements AutoCloseable {
  private final ApiHttpServer http;
  private final ScheduledExecutorService timers;
  private final ResourceHandler resources;

  private ApiServer(
      ApiHttpServer http, ScheduledExecutorService timers, ResourceHandler resources) {
    this.http = http;
    this.timers = timers;
    this.resources = resources;
  }

  /** Plugs in where {@code kubectl logs} reads from (the pod runtime). */
  public void podLogs(PodLogs podLogs) {
    resources.podLogs(podLogs);
  }

  /**
   * Starts serving on {@code bind} (port 0 picks a free port).
   *
   * @param tls the server's TLS context; empty serves plain HTTP (tests of the REST layer only:
   *     kubectl sends no credentials over plain HTTP)
   * @param authenticator accepts an {@code Authorization} header value
   */
  public static ApiServer start(
      InetSocketAddress bind,
      Optional<SslContext> tls,
      Predicate<String> authenticator,
      ObjectStore store,
      KindRegistry registry,
      NonResourceRoutes routes,
      Clock clock) {
    requireNonNull(store, "store");
    BuiltInNamespaces.ensure(store);
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "apiserver-timers");
              thread.setDaemon(true);
              return thread;
            });
    ResourceHandler resources = new ResourceHandler(registry, store, clock, new SecureRandom());
    WatchHandler watches =
        new WatchHandler(store, resources, clock, timers, WatchHandler.BOOKMARK_INTERVAL);
    ApiHttpServer http =
        ApiHttpServer.start(bind, tls, registry, authenticator, routes, resources, watches);
    return new ApiServer(http, timers, resources);
  }

  public InetSocketAddress address() {
    return http.address();
  }

  @Override
  public void close() {
    http.close();
    timers.shutdownNow();
  }
}
