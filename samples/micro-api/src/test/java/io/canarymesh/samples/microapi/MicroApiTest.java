package io.canarymesh.samples.microapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class MicroApiTest {

  @Test
  void listeningLineNamesVersionAndAddress() throws Exception {
    var address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9090);

    assertThat(MicroApi.listeningLine("1.3-SNAPSHOT", address))
        .isEqualTo("micro-api 1.3-SNAPSHOT listening on 127.0.0.1:9090");
  }

  @Test
  void ipv6AddressesAreBracketed() throws Exception {
    var address = new InetSocketAddress(InetAddress.getByName("::1"), 9090);

    assertThat(MicroApi.hostPort(address)).isEqualTo("[0:0:0:0:0:0:0:1]:9090");
  }
}
