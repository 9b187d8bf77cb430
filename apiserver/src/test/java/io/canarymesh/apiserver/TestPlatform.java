package io.canarymesh.apiserver;

import io.canarymesh.apiserver.http.NonResourceRoutes;
import io.canarymesh.apiserver.rest.ApiRequest;
import io.canarymesh.apiserver.rest.ApiResponse;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.StoreConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** A real store and API server on a free loopback port, plain HTTP, with a fixed token. */
final class TestPlatform implements AutoCloseable {
  static final String TOKEN = "test-token";

  final ObjectStore store;
  final ApiServer server;

  TestPlatform(Path dir, StoreConfig config) {
    store = ObjectStore.open(dir.resolve("state.db"), Clock.systemUTC(), config);
    server =
        ApiServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            Optional.empty(),
            header -> ("Bearer " + TOKEN).equals(header),
            store,
            KindRegistry.standard(),
            new NonResourceRoutes() {
              @Override
              public Optional<ApiResponse> route(ApiRequest request) {
                return Optional.empty();
              }

              @Override
              public boolean isPublic(String path) {
                return false;
              }
            },
            Clock.systemUTC());
  }

  String url() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  KubernetesClient client() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withOauthToken(TOKEN)
            .withNamespace("default")
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
