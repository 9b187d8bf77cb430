package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code trafficPolicy.loadBalancer}: consistent-hash tables and warmup, as Istio translates them.
 */
class LoadBalancerPolicyTest {
  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  private static CompileResult compile(String loadBalancer) {
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: default}
        spec:
          hosts: [api.test]
          resolution: STATIC
          ports: [{number: 9090, name: http, protocol: HTTP}]
          endpoints: [{address: 10.0.0.1}]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api, namespace: default}
        spec:
          host: api.test
          trafficPolicy:
            loadBalancer:
        %s
        """
            .formatted(loadBalancer.indent(6).stripTrailing());
    DecodeResult decoded = DECODER.decode(yaml);
    assertThat(decoded.errors()).extracting(DecodeError::describe).isEmpty();
    return MeshCompiler.compile(
        MeshInputs.builder()
            .addAll(decoded.resources().stream().map(DecodedResource::object).toList())
            .build());
  }

  private static LbPolicy policy(CompileResult result) {
    return result.table().clusters().stream()
        .filter(c -> c.name().equals("outbound|9090||api.test"))
        .map(Cluster::lbPolicy)
        .findFirst()
        .orElseThrow();
  }

  private static LbPolicy.HashTable table(String loadBalancer) {
    CompileResult result = compile(loadBalancer);
    assertThat(result.diagnostics()).extracting(Diagnostic::message).isEmpty();
    return ((LbPolicy.ConsistentHash) policy(result)).table();
  }

  private static List<String> warnings(CompileResult result) {
    return result.diagnostics().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.WARNING)
        .map(Diagnostic::message)
        .toList();
  }

  @Test
  void consistentHashWithoutAnAlgorithmIsARingOf1024AsInIstio() {
    assertThat(table("consistentHash: {httpHeaderName: x-user}"))
        .isEqualTo(new LbPolicy.RingHash(1024));
  }

  @Test
  void theDeprecatedMinimumRingSizeSizesTheRing() {
    assertThat(table("consistentHash: {httpHeaderName: x-user, minimumRingSize: 4096}"))
        .isEqualTo(new LbPolicy.RingHash(4096));
  }

  /**
   * {@code ringHash: {minimumRingSize}} as the compiler receives it. Built by hand: fabric8 7.5.2
   * types {@code ringHash} as its own wrapper, and the model's strict decoder refuses that YAML
   * (see README), so only a fabric8 object made in code carries it today.
   */
  private static LbPolicy.HashTable ringHashOf(Object minimumRingSize, List<String> warnings) {
    var inner = new LoadBalancerSettingsConsistentHashLBRingHash();
    if (minimumRingSize != null) {
      inner.setAdditionalProperty("minimumRingSize", minimumRingSize);
    }
    var hash = new LoadBalancerSettingsConsistentHashLB();
    hash.setHashAlgorithm(new LoadBalancerSettingsConsistentHashLBRingHash(inner));
    return ClusterPolicy.hashTable(hash, warnings);
  }

  @Test
  void ringHashMinimumRingSizeSizesTheRing() {
    List<String> warnings = new ArrayList<>();
    assertThat(ringHashOf(2048, warnings)).isEqualTo(new LbPolicy.RingHash(2048));
    assertThat(ringHashOf("4096", warnings)).isEqualTo(new LbPolicy.RingHash(4096));
    assertThat(ringHashOf(null, warnings)).isEqualTo(new LbPolicy.RingHash(1024));
    assertThat(warnings).isEmpty();
  }

  @Test
  void maglevTakesItsTableSize() {
    assertThat(table("consistentHash: {useSourceIp: true, maglev: {tableSize: 1021}}"))
        .isEqualTo(new LbPolicy.Maglev(1021));
  }

  @Test
  void aMaglevTableThatIsNotPrimeIsRefusedByValidationNamingTheField() {
    CompileResult result =
        compile("consistentHash: {useSourceIp: true, maglev: {tableSize: 65536}}");
    assertThat(result.diagnostics())
        .anySatisfy(
            d -> {
              assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
              assertThat(d.message()).contains("maglev.tableSize").contains("prime");
            });
    // the DestinationRule is skipped; the service is still served, with the default policy
    assertThat(policy(result)).isEqualTo(LbPolicy.DEFAULT);
  }

  @Test
  void aTableSizeValidationAdmitsButEnvoyCannotUseIsWarnedAndTheDefaultServed() {
    CompileResult result = compile("consistentHash: {useSourceIp: true, maglev: {tableSize: 1}}");
    assertThat(warnings(result))
        .singleElement()
        .asString()
        .contains("loadBalancer.consistentHash.maglev.tableSize: Invalid value: 1");
    assertThat(((LbPolicy.ConsistentHash) policy(result)).table())
        .isEqualTo(new LbPolicy.Maglev(65537));
  }

  @Test
  void aRingOverEightMillionEntriesIsCappedWithAWarning() {
    List<String> warnings = new ArrayList<>();
    assertThat(ringHashOf(9_000_000, warnings))
        .isEqualTo(new LbPolicy.RingHash(LbPolicy.RingHash.MAXIMUM_RING_SIZE));
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("loadBalancer.consistentHash.ringHash.minimumRingSize: Invalid value: 9000000");
    CompileResult result =
        compile("consistentHash: {httpHeaderName: x-user, minimumRingSize: 9000000}");
    assertThat(warnings(result))
        .singleElement()
        .asString()
        .startsWith("trafficPolicy.loadBalancer.consistentHash.minimumRingSize: Invalid value");
    assertThat(((LbPolicy.ConsistentHash) policy(result)).table())
        .isEqualTo(new LbPolicy.RingHash(LbPolicy.RingHash.MAXIMUM_RING_SIZE));
  }

  @Test
  void warmupTakesDurationMinimumPercentAndAggression() {
    assertThat(
            policy(
                compile(
                    "simple: ROUND_ROBIN\n"
                        + "warmup: {duration: 60s, minimumPercent: 20, aggression: 2}")))
        .isEqualTo(
            new LbPolicy.Simple(
                LbPolicy.Algorithm.ROUND_ROBIN,
                Optional.of(new LbPolicy.Warmup(Duration.ofSeconds(60), 20, 2))));
    assertThat(policy(compile("simple: LEAST_REQUEST\nwarmupDurationSecs: 30s")))
        .isEqualTo(
            new LbPolicy.Simple(
                LbPolicy.Algorithm.LEAST_REQUEST,
                Optional.of(new LbPolicy.Warmup(Duration.ofSeconds(30), 10, 1.0))));
  }

  @Test
  void anAggressionBelowOneIsServedAsEnvoyDoes() {
    assertThat(policy(compile("simple: ROUND_ROBIN\nwarmup: {duration: 10s, aggression: 0.5}")))
        .isEqualTo(
            new LbPolicy.Simple(
                LbPolicy.Algorithm.ROUND_ROBIN,
                Optional.of(new LbPolicy.Warmup(Duration.ofSeconds(10), 10, 0.5))));
  }
}
