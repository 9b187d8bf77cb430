package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationRuleIndexTest {
  private final Diagnostics diagnostics = new Diagnostics();
  private final DestinationRuleIndex index =
      DestinationRuleIndex.of(
          List.of(
              rule("any-example", "*.example.com"),
              rule("b-example", "*.b.example.com"),
              rule("exact", "a.b.example.com"),
              rule("short", "micro-api"),
              rule("second", "micro-api.default.svc.cluster.local")),
          diagnostics);

  @Test
  void exactHostsWinThenTheLongestWildcard() {
    assertThat(name("a.b.example.com")).contains("exact");
    assertThat(name("c.b.example.com")).contains("b-example");
    assertThat(name("c.example.com")).contains("any-example");
    assertThat(name("example.org")).isEmpty();
  }

  @Test
  void shortHostsResolveAndTheOldestRuleForAHostWins() {
    assertThat(name("micro-api.default.svc.cluster.local")).contains("short");
    assertThat(diagnostics.list())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "WARNING DestinationRule default/second: ignored: DestinationRule default/short already"
                + " applies to host micro-api.default.svc.cluster.local (the oldest DestinationRule"
                + " for a host wins)");
  }

  private Optional<String> name(String host) {
    return index.forHost(host).map(rule -> rule.id().name());
  }

  private static DestinationRule rule(String name, String host) {
    return new DestinationRuleBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withHost(host)
        .endSpec()
        .build();
  }
}
