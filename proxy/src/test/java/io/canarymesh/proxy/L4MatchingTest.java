package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.mesh.model.L4Match;
import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.WeightedDestination;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server-name and destination-subnet matching of connection routes: pure, table-driven. */
class L4MatchingTest {

  @ParameterizedTest
  @CsvSource({
    "a.example.com, a.example.com, true",
    "a.example.com, A.Example.COM, true",
    "a.example.com, b.example.com, false",
    "*.example.com, a.example.com, true",
    "*.example.com, a.b.example.com, true",
    "*.example.com, example.com, false",
    "*.example.com, .example.com, false",
    "*.example.com, aexample.com, false",
    "*, anything.test, true",
  })
  void serverNames(String pattern, String host, boolean matches) {
    assertThat(ServerNames.matches(pattern, host)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.1.2.3, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "127.0.0.1, 127.0.0.1, true",
    "127.0.0.1, 127.0.0.2, false",
    "0.0.0.0/0, 8.8.8.8, true",
    "fd00::/8, fd12::1, true",
    "fd00::/8, 10.0.0.1, false",
  })
  void subnets(String cidr, String address, boolean contains) throws Exception {
    assertThat(Subnet.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(contains);
  }

  @Test
  void aSubnetIsAnIpLiteralNeverAName() {
    assertThatThrownBy(() -> Subnet.parse("example.com/8")).hasMessageContaining("not an IP");
    assertThatThrownBy(() -> Subnet.parse("10.0.0.0/33")).hasMessageContaining("prefix");
  }

  @Test
  void aRouteNeedsTheServerNameAndTheSubnetOfOneEntry() throws Exception {
    L4RouteEntry route =
        L4RouteEntry.of(
            new L4Route(
                "VirtualService default/edge tls[0]",
                List.of(
                    new L4Match(List.of("*.example.com"), List.of("10.0.0.0/8")),
                    new L4Match(List.of("exact.test"), List.of())),
                new RouteAction.Forward(List.of(WeightedDestination.of("c", 1)))),
            name -> null);
    InetAddress inside = InetAddress.getByName("10.0.0.1");
    InetAddress outside = InetAddress.getByName("127.0.0.1");

    assertThat(route.matches("a.example.com", inside)).isTrue();
    assertThat(route.matches("a.example.com", outside)).isFalse();
    assertThat(route.matches("exact.test", outside)).isTrue();
    assertThat(route.matches(null, inside)).isFalse(); // no SNI never matches an SNI condition
  }
}
