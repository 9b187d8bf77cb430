package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.ClientWorkload;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientWorkloadsTest {
  private static final ClientWorkload FRONTEND =
      new ClientWorkload("127.244.0.10", "shop", Map.of("app", "frontend"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fd00::1",
        "vm.example.com",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "1..2.3",
        "+1.2.3.4"
      })
  void onlyDottedQuadsAreAddressesAndNoNameIsResolved(String literal) {
    assertThat(ClientWorkloads.ipv4(literal)).isNull();
    ClientWorkloads clients =
        ClientWorkloads.of(List.of(new ClientWorkload(literal, "vms", Map.of())));
    assertThat(clients).isSameAs(ClientWorkloads.NONE);
  }

  @org.junit.jupiter.api.Test
  void findsTheCallerByItsRemoteAddressWhateverThePort() {
    ClientWorkloads clients = ClientWorkloads.of(List.of(FRONTEND));
    assertThat(clients.find(new InetSocketAddress("127.244.0.10", 41000))).isEqualTo(FRONTEND);
    assertThat(clients.find(new InetSocketAddress("127.244.0.10", 41001))).isEqualTo(FRONTEND);
    assertThat(clients.find(new InetSocketAddress("127.244.0.11", 41000))).isNull();
    assertThat(clients.find(InetSocketAddress.createUnresolved("127.244.0.10", 1))).isNull();
    assertThat(clients.find(null)).isNull();
    assertThat(ClientWorkloads.NONE.find(new InetSocketAddress("127.244.0.10", 1))).isNull();
  }
}
