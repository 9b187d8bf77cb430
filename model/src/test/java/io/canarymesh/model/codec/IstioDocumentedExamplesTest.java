package io.canarymesh.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.canarymesh.model.KindRegistry;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Istio's own documented examples (DestinationRule, VirtualService, Gateway) decode without error
 * and re-encode to what was written: YAML → object → JSON gives the input back, and the object's
 * YAML decodes to an equal object. fabric8 types many Istio oneofs as wrappers; this catches one
 * that does not read Istio's spelling.
 */
class IstioDocumentedExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ManifestDecoder decoder = new ManifestDecoder(KindRegistry.standard());

  @ParameterizedTest
  @ValueSource(strings = {"destination-rules.yaml", "virtual-services.yaml"})
  void decodesAndReencodesEveryExample(String file) throws IOException {
    String text = resource(file);
    List<JsonNode> written = documents(text);

    DecodeResult result = decoder.decode(text);

    assertThat(result.errors()).isEmpty();
    assertThat(result.resources()).hasSize(written.size());
    for (int i = 0; i < written.size(); i++) {
      Object object = result.resources().get(i).object();
      JsonNode encoded = ResourceJson.toTree(object);
      assertThat(sameValues(encoded.get("spec"), written.get(i).get("spec")))
          .as("%s spec re-encoded as %s", written.get(i).at("/metadata/name"), encoded.get("spec"))
          .isTrue();
      DecodeResult again = decoder.decode(ResourceJson.toYaml(object));
      assertThat(again.errors()).isEmpty();
      assertThat(again.resources().get(0).object()).isEqualTo(object);
    }
  }

  @Test
  void ringHashBodyCarriesItsMinimumRingSize() {
    DestinationRule rule = ringHashRule("{minimumRingSize: 2048}");

    var hash =
        ((LoadBalancerSettingsConsistentHash)
                rule.getSpec().getTrafficPolicy().getLoadBalancer().getLbPolicy())
            .getConsistentHash();
    var ring = (LoadBalancerSettingsConsistentHashLBRingHash) hash.getHashAlgorithm();
    assertThat(ring.getRingHash().getAdditionalProperties())
        .containsEntry("minimumRingSize", 2048L);
    // the API server's path: stored JSON read back through ResourceJson's mapper
    DestinationRule copy = ResourceJson.copy(rule, DestinationRule.class);
    assertThat(copy).isEqualTo(rule);
    assertThat(ResourceJson.toJson(copy)).contains("\"ringHash\":{\"minimumRingSize\":2048}");
  }

  @Test
  void ringHashBodyReportsUnknownFieldsAndWrongTypesAtTheirPath() {
    DecodeResult unknown = decoder.decode(ringHashDocument("{minimumRingSize: 2048, ringSize: 4}"));
    assertThat(unknown.errors())
        .extracting(DecodeError::message, DecodeError::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "unknown field \"spec.trafficPolicy.loadBalancer.consistentHash.ringHash.ringSize\"",
                java.util.Optional.of(new SourceLocation(10, 43))));

    DecodeResult wrongType = decoder.decode(ringHashDocument("{minimumRingSize: big}"));
    assertThat(wrongType.errors())
        .extracting(DecodeError::message)
        .containsExactly(
            "spec.trafficPolicy.loadBalancer.consistentHash.ringHash.minimumRingSize: expected an"
                + " integer, got string \"big\"");

    DecodeResult notObject = decoder.decode(ringHashDocument("2048"));
    assertThat(notObject.errors())
        .extracting(DecodeError::message)
        .containsExactly(
            "spec.trafficPolicy.loadBalancer.consistentHash.ringHash: expected an object, got"
                + " number 2048");
  }

  private DestinationRule ringHashRule(String body) {
    DecodeResult result = decoder.decode(ringHashDocument(body));
    assertThat(result.errors()).isEmpty();
    return (DestinationRule) result.resources().get(0).object();
  }

  private static String ringHashDocument(String body) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ring}
        spec:
          host: micro-api
          trafficPolicy:
            loadBalancer:
              consistentHash:
                httpHeaderName: x-user
                ringHash: %s
        """
        .formatted(body);
  }

  /** Equal trees, numbers compared by value: 2048 written may come back as a long, 50.0 as 50. */
  private static boolean sameValues(JsonNode a, JsonNode b) {
    return a.equals(
        (x, y) ->
            x.isNumber() && y.isNumber()
                ? Double.compare(x.doubleValue(), y.doubleValue())
                : x.equals(y) ? 0 : 1,
        b);
  }

  private static List<JsonNode> documents(String text) throws IOException {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      return docs.readAll();
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        IstioDocumentedExamplesTest.class.getResourceAsStream("/istio-examples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
