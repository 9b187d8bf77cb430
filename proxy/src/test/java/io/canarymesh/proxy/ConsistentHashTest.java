package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.proxy.balance.ConsistentHashTable;
import io.canarymesh.proxy.balance.XxHash64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * consistentHash on loopback: three real backends, users by header; each user lands where the ring
 * hash or Maglev table (the pure class, as an oracle) says, again and again, and after an endpoint
 * leaves, where the smaller table says.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class ConsistentHashTest {
  private static final int USERS = 90;
  private final List<Backend> backends = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < 3; i++) {
      backends.add(new Backend("b" + i));
    }
  }

  @AfterEach
  void stop() {
    backends.forEach(Backend::close);
  }

  private static String yaml(List<Backend> endpoints, String consistentHash) {
    return Tables.loadBalancedYaml(
        endpoints.stream().map(Backend::port).toList(), "{consistentHash: " + consistentHash + "}");
  }

  /** Where the pure table sends {@code user} over {@code endpoints}: the oracle. */
  private static String expected(List<Backend> endpoints, LbPolicy.HashTable kind, String user) {
    String[] keys = endpoints.stream().map(b -> "127.0.0.1:" + b.port()).toArray(String[]::new);
    return endpoints.get(ConsistentHashTable.of(kind, keys).pick(XxHash64.hash(user))).name;
  }

  private static String backendOf(ProxyFixture proxy, String user) throws Exception {
    var response = proxy.get("/u", "x-user", user);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("x-backend").orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{httpHeaderName: x-user}",
        "{httpHeaderName: x-user, minimumRingSize: 2048}",
        "{httpHeaderName: x-user, ringHash: {minimumRingSize: 2048}}",
        "{httpHeaderName: x-user, maglev: {tableSize: 1021}}"
      })
  void eachUserLandsWhereTheTableSaysAndStaysThere(String consistentHash) throws Exception {
    LbPolicy.HashTable kind =
        consistentHash.contains("maglev")
            ? new LbPolicy.Maglev(1021)
            : new LbPolicy.RingHash(consistentHash.contains("2048") ? 2048 : 1024);
    try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(backends, consistentHash)))) {
      Map<String, String> placed = new HashMap<>();
      for (int user = 0; user < USERS; user++) {
        String name = "user-" + user;
        String backend = backendOf(proxy, name);
        assertThat(backend).as(name).isEqualTo(expected(backends, kind, name));
        assertThat(backendOf(proxy, name)).as(name + " again").isEqualTo(backend);
        placed.put(name, backend);
      }
      assertThat(placed.values()).contains("b0", "b1", "b2");

      List<Backend> fewer = backends.subList(0, 2);
      proxy.proxy.update(Tables.compile(2, yaml(fewer, consistentHash)));
      int moved = 0;
      for (Map.Entry<String, String> user : placed.entrySet()) {
        String now = backendOf(proxy, user.getKey());
        assertThat(now).as(user.getKey()).isEqualTo(expected(fewer, kind, user.getKey()));
        moved += now.equals(user.getValue()) ? 0 : 1;
      }
      assertThat(moved).as("users that changed backend").isLessThan(USERS * 2 / 3);
    }
  }
}
