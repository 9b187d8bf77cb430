package io.canarymesh.model.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostsTest {

  @ParameterizedTest(name = "{0} in ns → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "micro-api                             | micro-api.ns.svc.cluster.local",
        "micro-api.default                     | micro-api.default.svc.cluster.local,micro-api.default",
        "micro-api.default.svc                 | micro-api.default.svc.cluster.local,micro-api.default.svc",
        "micro-api.default.svc.cluster.local   | micro-api.default.svc.cluster.local",
        "api.example.co.uk                     | api.example.co.uk",
        "*.example.com                         | *.example.com",
      })
  void resolvesShortHostsInTheNamespace(String host, String candidates) {
    assertThat(Hosts.candidates(host, "ns")).containsExactly(candidates.split(","));
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "a.example.com, a.example.com, true",
    "a.example.com, b.example.com, false",
    "*.example.com, a.example.com, true",
    "a.example.com, *.example.com, true",
    "*.example.com, *.a.example.com, true",
    "*.a.example.com, *.example.com, true",
    "*, anything.at.all, true",
    "*.example.com, example.com, false",
  })
  void overlapsLikeIstiosHostNames(String a, String b, boolean expected) {
    assertThat(Hosts.overlap(a, b)).isEqualTo(expected);
    assertThat(Hosts.anyOverlap(Arrays.asList(a), Arrays.asList(b))).isEqualTo(expected);
  }
}
