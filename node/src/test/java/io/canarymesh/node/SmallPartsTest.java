package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pod IP allocator and log tailing. */
class SmallPartsTest {

  @Test
  void podIpsAreUniqueLowestFirstAndARecordedOneIsKeptWhenFree() {
    PodIpAllocator ips = new PodIpAllocator("127.244.0.1", () -> java.util.Set.of("127.244.0.4"));

    assertThat(ips.allocate("a", Optional.empty())).isEqualTo("127.244.0.1");
    assertThat(ips.allocate("b", Optional.of("127.244.0.1"))).isEqualTo("127.244.0.2");
    assertThat(ips.allocate("c", Optional.of("127.244.3.7"))).isEqualTo("127.244.3.7");
    assertThat(ips.allocate("d", Optional.of("10.0.0.1"))).isEqualTo("127.244.0.3");
    assertThat(ips.allocate("busy", Optional.of("127.244.0.4"))).isEqualTo("127.244.0.5");
    assertThat(ips.allocate("a", Optional.empty())).isEqualTo("127.244.0.1");
    ips.release("a");
    assertThat(ips.allocate("e", Optional.empty())).isEqualTo("127.244.0.1");
    PodIpAllocator high = new PodIpAllocator("127.244.255.254", java.util.Set::of);
    assertThat(high.allocate("x", Optional.empty())).isEqualTo("127.244.255.254");
    assertThat(high.allocate("y", Optional.empty())).isEqualTo("127.244.0.1");
    assertThat(PodIpAllocator.inRange("127.244.0.255")).isFalse();
    assertThat(PodIpAllocator.inRange("127.244.1.0")).isFalse();
  }

  @Test
  void listeningAddressesAreReadFromProcNetTcp() {
    assertThat(
            ListeningAddresses.parse(
                java.util.List.of(
                    "  sl  local_address rem_address   st tx_queue rx_queue",
                    "   0: 0100F47F:2382 00000000:0000 0A 00000000:00000000",
                    "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000")))
        .containsExactly("127.244.0.1");
  }

  @Test
  void tailKeepsTheLastLines() {
    assertThat(FileLogs.tail("a\nb\nc\n", 2)).isEqualTo("b\nc\n");
    assertThat(FileLogs.tail("a\nb\nc", 1)).isEqualTo("c");
    assertThat(FileLogs.tail("a\nb\n", 5)).isEqualTo("a\nb\n");
    assertThat(FileLogs.tail("a\nb\n", 0)).isEmpty();
  }
}
