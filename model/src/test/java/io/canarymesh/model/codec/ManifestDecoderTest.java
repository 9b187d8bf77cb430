package io.canarymesh.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.KindRegistry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestDecoderTest {
  static final Path SEED = Path.of("../scenarios/seed");

  private final ManifestDecoder decoder = new ManifestDecoder(KindRegistry.standard());

  static Stream<Path> seedManifests() throws IOException {
    try (Stream<Path> files = Files.list(SEED)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("seedManifests")
  void everySeedManifestDecodesWithoutError(Path manifest) throws IOException {
    DecodeResult result = decoder.decode(Files.readString(manifest));

    assertThat(result.errors()).isEmpty();
    assertThat(result.resources()).isNotEmpty();
  }

  @Test
  void decodesTheArticlesServiceAndDeploymentIntoFabric8Types() throws IOException {
    DecodeResult result = decoder.decode(Files.readString(SEED.resolve("micro-api.yaml")));

    assertThat(result.resources()).hasSize(2);
    Service service = (Service) result.resources().get(0).object();
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(9090);
    Deployment deployment = (Deployment) result.resources().get(1).object();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
        .isEqualTo(1);
    assertThat(result.resources().get(1).document()).isEqualTo(1);
    assertThat(result.resources().get(1).location()).contains(new SourceLocation(15, 1));
  }

  @Test
  void decodesIstioOneOfFieldsAtEveryServedVersion() {
    for (String version : List.of("v1alpha3", "v1beta1", "v1")) {
      DecodeResult result =
          decoder.decode(
              """
              apiVersion: networking.istio.io/%s
              kind: VirtualService
              metadata: {name: r}
              spec:
                hosts: [micro-api]
                http:
                - match:
                  - uri: {prefix: /test}
                    headers: {x-user: {exact: alice}}
                  route:
                  - destination: {host: micro-api, subset: v2}
                    weight: 30
              """
                  .formatted(version));

      assertThat(result.errors()).isEmpty();
      VirtualService vs = (VirtualService) result.resources().get(0).object();
      assertThat(vs.getApiVersion()).isEqualTo("networking.istio.io/" + version);
      assertThat(ResourceJson.toTree(vs).at("/spec/http/0/match/0/uri/prefix").asText())
          .isEqualTo("/test");
      assertThat(vs.getSpec().getHttp().get(0).getRoute().get(0).getWeight()).isEqualTo(30);
    }
  }

  @Test
  void reportsEveryUnknownFieldWithItsPathAndLine() {
    DecodeResult result =
        decoder.decode(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: micro-api
            spec:
              replica: 3
              selector: {matchLabels: {app: micro-api}}
              template:
                metadata: {labels: {app: micro-api}}
                spec:
                  containers:
                  - name: micro-api
                    imagee: micro-api:1.0
            """);

    assertThat(result.fatalErrors()).isEmpty();
    assertThat(result.strictErrors()).hasSize(2);
    assertThat(((Deployment) result.resources().get(0).object()).getSpec().getReplicas()).isNull();
    assertThat(result.errors())
        .extracting(DecodeError::field, DecodeError::message, DecodeError::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "spec.replica",
                "unknown field \"spec.replica\"",
                Optional.of(new SourceLocation(6, 3))),
            org.assertj.core.groups.Tuple.tuple(
                "spec.template.spec.containers[0].imagee",
                "unknown field \"spec.template.spec.containers[0].imagee\"",
                Optional.of(new SourceLocation(13, 9))));
  }

  @Test
  void reportsUnknownFieldsInsideIstioTypes() {
    DecodeResult result =
        decoder.decode(
            """
            apiVersion: networking.istio.io/v1alpha3
            kind: DestinationRule
            metadata: {name: d}
            spec:
              host: micro-api
              trafficPolicy:
                connectionPool:
                  tcp: {maxConnection: 10}
            """);

    assertThat(result.errors())
        .extracting(DecodeError::message)
        .containsExactly("unknown field \"spec.trafficPolicy.connectionPool.tcp.maxConnection\"");
  }

  @Test
  void reportsDuplicateFields() {
    DecodeResult result =
        decoder.decode(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: a
              name: b
            spec:
              ports: [{port: 80}]
            """);

    assertThat(result.errors())
        .extracting(DecodeError::message, DecodeError::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "duplicate field \"metadata.name\"", Optional.of(new SourceLocation(5, 3))));
  }

  @Test
  void malformedYamlNamesTheLine() {
    DecodeResult result =
        decoder.decode(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: a
               labels: x
            """);

    assertThat(result.resources()).isEmpty();
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).message()).startsWith("yaml: line 5:");
    assertThat(result.errors().get(0).location()).map(SourceLocation::line).contains(5);
  }

  @Test
  void typeMismatchNamesTheFieldAndTheValue() {
    DecodeResult result =
        decoder.decode(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              replicas: three
            """);

    assertThat(result.errors())
        .extracting(DecodeError::message)
        .containsExactly("spec.replicas: expected an integer, got string \"three\"");
  }

  @Test
  void scalarsOfTheWrongTypeAreRefusedNotCoerced() {
    DecodeResult quotedNumber =
        decoder.decode(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              replicas: "3"
            """);
    DecodeResult booleanLabel =
        decoder.decode(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: x
              labels: {enabled: true}
            """);

    assertThat(quotedNumber.fatalErrors())
        .extracting(DecodeError::message)
        .containsExactly("spec.replicas: expected an integer, got string \"3\"");
    assertThat(booleanLabel.fatalErrors())
        .extracting(DecodeError::message)
        .containsExactly("metadata.labels.enabled: expected a string, got boolean true");
  }

  @Test
  void missingKindAndUnknownKindAreReported() {
    DecodeResult result =
        decoder.decode(
            """
            apiVersion: v1
            metadata: {name: x}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: y}
            """);

    assertThat(result.errors())
        .extracting(DecodeError::document, DecodeError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "Object 'Kind' is missing"),
            org.assertj.core.groups.Tuple.tuple(
                1, "no matches for kind \"Widget\" in version \"example.com/v1\""));
  }

  @Test
  void decodesJsonAndListsAndSkipsEmptyDocuments() {
    DecodeResult json =
        decoder.decode(
            """
            {"apiVersion":"v1","kind":"List","items":[
              {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}},
              {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}]}
            """);
    DecodeResult yaml =
        decoder.decode(
            "---\n# nothing here\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n");

    assertThat(json.errors()).isEmpty();
    assertThat(json.resources())
        .extracting(r -> r.kind().kind())
        .containsExactly("ConfigMap", "Namespace");
    assertThat(yaml.errors()).isEmpty();
    assertThat(yaml.resources()).hasSize(1);
  }

  @Test
  void encodesAsTheKubernetesApiShapesIt() throws IOException {
    DecodeResult result = decoder.decode(Files.readString(SEED.resolve("micro-gateway.yaml")));

    String json = ResourceJson.toJson(result.resources().get(0).object());

    assertThat(json)
        .isEqualTo(
            "{\"apiVersion\":\"networking.istio.io/v1alpha3\",\"kind\":\"Gateway\","
                + "\"metadata\":{\"name\":\"micro-gateway\"},\"spec\":{\"selector\":"
                + "{\"istio\":\"ingressgateway\"},\"servers\":[{\"hosts\":[\"*\"],\"port\":"
                + "{\"name\":\"http\",\"number\":80,\"protocol\":\"HTTP\"}}]}}");
  }

  @Test
  void bundledSeedManifestsMatchTheSharedOnesWhenPresent() throws IOException {
    Path shared = Path.of("../../shared/scenarios/seed");
    if (!Files.isDirectory(shared)) {
      return; // only a checkout with shared/ beside it can compare
    }
    for (Path manifest : seedManifests().toList()) {
      assertThat(Files.readString(manifest))
          .as(manifest.getFileName().toString())
          .isEqualTo(Files.readString(shared.resolve(manifest.getFileName())));
    }
  }
}
