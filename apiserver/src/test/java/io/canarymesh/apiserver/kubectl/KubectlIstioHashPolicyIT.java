package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.canarymesh.testing.kubectl.KubectlResult;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl apply} of DestinationRules choosing the consistent hash table as Istio documents
 * it ({@code ringHash: {minimumRingSize}}, {@code maglev: {tableSize}}): accepted, stored and read
 * back as written; a non-prime Maglev table is refused naming the field.
 */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlIstioHashPolicyIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ringHash: {minimumRingSize: 2048}", "maglev: {tableSize: 65537}"})
  void appliesAndReadsBackTheHashTable(String algorithm, KubectlCluster cluster)
      throws IOException {
    String manifest = destinationRule(algorithm);
    cluster.writeManifest("dr.yaml", manifest);

    KubectlResult created = cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "dr.yaml");
    KubectlResult read = cluster.kubectl().run("get", "destinationrule", "hash", "-o", "json");
    KubectlResult again = cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "dr.yaml");

    assertThat(created).isEqualTo(success("destinationrule.networking.istio.io/hash created\n"));
    assertThat(read.exitCode()).isZero();
    assertThat(YAML.readTree(read.stdout()).get("spec"))
        .isEqualTo(YAML.readTree(manifest).get("spec"));
    assertThat(again).isEqualTo(success("destinationrule.networking.istio.io/hash unchanged\n"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "maglev: {tableSize: 10}|spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize:"
            + " Invalid value: 10",
        "ringHash: {minimumRingSize: -5}|spec.trafficPolicy.loadBalancer.consistentHash.ringHash"
            + ".minimumRingSize: Invalid value: -5"
      })
  void refusesAnInvalidTableNamingTheField(String caseText, KubectlCluster cluster) {
    String[] parts = caseText.split("\\|");
    cluster.writeManifest("dr.yaml", destinationRule(parts[0]));

    KubectlResult result = cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "dr.yaml");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains(parts[1]);
    assertThat(cluster.find("networking.istio.io/destinationrules", "hash")).isEmpty();
  }

  private static String destinationRule(String algorithm) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: hash
        spec:
          host: micro-api
          trafficPolicy:
            loadBalancer:
              consistentHash:
                httpHeaderName: x-user
                %s
        """
        .formatted(algorithm);
  }
}
