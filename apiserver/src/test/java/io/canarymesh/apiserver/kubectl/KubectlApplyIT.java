package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.testing.kubectl.KubectlResult;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kubectl apply -f} of the article's manifests: created, unchanged, configured. */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlApplyIT {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Each seed manifest and the objects kubectl names for it, in the file's order. */
  static Stream<Arguments> seedManifests() {
    return Stream.of(
        Arguments.of(
            "destination-rule-all.yaml",
            List.of("destinationrule.networking.istio.io/micro-api-destination")),
        Arguments.of(
            "micro-api-canary-istio-v1.yaml",
            List.of("service/micro-api", "deployment.apps/micro-api-v1")),
        Arguments.of("micro-api-canary-istio-v2.yaml", List.of("deployment.apps/micro-api-v2")),
        Arguments.of("micro-api-canary.yaml", List.of("deployment.apps/micro-api")),
        Arguments.of("micro-api.yaml", List.of("service/micro-api", "deployment.apps/micro-api")),
        Arguments.of("micro-gateway.yaml", List.of("gateway.networking.istio.io/micro-gateway")),
        Arguments.of(
            "virtual-service-all.yaml",
            List.of("virtualservice.networking.istio.io/micro-api-route")),
        Arguments.of(
            "virtual-service-v2.yaml",
            List.of("virtualservice.networking.istio.io/micro-api-route")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedManifests")
  void applyCreatesEveryObjectOfASeedManifest(
      String file, List<String> objects, KubectlCluster cluster) {
    KubectlResult result = cluster.kubectl().run("apply", "-f", file);

    assertThat(result).isEqualTo(success(lines(objects, "created")));
    for (String object : objects) {
      JsonNode stored = cluster.stored(storeResource(object), name(object));
      assertThat(stored.path("metadata").path("uid").asText()).isNotEmpty();
      assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(1);
      assertThat(stored.path("metadata").path("annotations").has(LAST_APPLIED)).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedManifests")
  void reapplyingASeedManifestChangesNothing(
      String file, List<String> objects, KubectlCluster cluster) {
    cluster.kubectl().run("apply", "-f", file);
    long revision = cluster.revision();

    KubectlResult result = cluster.kubectl().run("apply", "-f", file);

    assertThat(result).isEqualTo(success(lines(objects, "unchanged")));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  @Test
  void applyingTheCanaryManifestOverTheFirstConfiguresTheDeployment(KubectlCluster cluster) {
    cluster.kubectl().run("apply", "-f", "micro-api.yaml");
    JsonNode service = cluster.stored("services", "micro-api");

    KubectlResult result = cluster.kubectl().run("apply", "-f", "micro-api-canary.yaml");

    assertThat(result).isEqualTo(success("deployment.apps/micro-api configured\n"));
    JsonNode deployment = cluster.stored("apps/deployments", "micro-api");
    assertThat(deployment.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(deployment.at("/spec/template/metadata/labels").toString())
        .isEqualTo("{\"app\":\"micro-api\",\"track\":\"canary\"}");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT");
    assertThat(cluster.stored("services", "micro-api")).isEqualTo(service);
  }

  @Test
  void applyingTheSecondVirtualServiceConfiguresTheRoute(KubectlCluster cluster) {
    cluster.kubectl().run("apply", "-f", "virtual-service-all.yaml");

    KubectlResult result = cluster.kubectl().run("apply", "-f", "virtual-service-v2.yaml");

    assertThat(result)
        .isEqualTo(success("virtualservice.networking.istio.io/micro-api-route configured\n"));
    JsonNode route = cluster.stored("networking.istio.io/virtualservices", "micro-api-route");
    assertThat(route.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(route.at("/spec/http/0/route/0/weight").asInt()).isZero();
    assertThat(route.at("/spec/http/0/route/1/weight").asInt()).isEqualTo(100);
  }

  /**
   * The whole directory in file-name order: the v1 Service is already there when micro-api.yaml
   * comes, and the canary Deployment is reconfigured by it, as on a real cluster.
   */
  @Test
  void applyingTheSeedDirectoryAppliesEachFileInNameOrder(KubectlCluster cluster) {
    KubectlResult result = cluster.kubectl().run("apply", "-f", ".");

    assertThat(result)
        .isEqualTo(
            success(
                """
                destinationrule.networking.istio.io/micro-api-destination created
                service/micro-api created
                deployment.apps/micro-api-v1 created
                deployment.apps/micro-api-v2 created
                deployment.apps/micro-api created
                service/micro-api unchanged
                deployment.apps/micro-api configured
                gateway.networking.istio.io/micro-gateway created
                virtualservice.networking.istio.io/micro-api-route created
                virtualservice.networking.istio.io/micro-api-route configured
                """));
    assertThat(cluster.storedNames("apps/deployments"))
        .containsExactly("micro-api", "micro-api-v1", "micro-api-v2");
    assertThat(
            cluster
                .stored("apps/deployments", "micro-api")
                .at("/spec/template/spec/containers/0/image")
                .asText())
        .endsWith("micro-api:1.0-SNAPSHOT");
  }

  @Test
  void serverDryRunCreatesNothing(KubectlCluster cluster) {
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("apply", "--dry-run=server", "-f", "micro-api.yaml"))
        .isEqualTo(
            success(
                """
                service/micro-api created (server dry run)
                deployment.apps/micro-api created (server dry run)
                """));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  @Test
  void serverDryRunOfAChangeChangesNothing(KubectlCluster cluster) {
    cluster.kubectl().run("apply", "-f", "micro-api.yaml");
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("apply", "--dry-run=server", "-f", "micro-api-canary.yaml"))
        .isEqualTo(success("deployment.apps/micro-api configured (server dry run)\n"));
    assertThat(cluster.revision()).isEqualTo(revision);
    assertThat(
            cluster
                .stored("apps/deployments", "micro-api")
                .at("/spec/template/spec/containers/0/image")
                .asText())
        .endsWith("micro-api:1.0-SNAPSHOT");
  }

  @Test
  void applyIntoAnotherNamespace(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("apply", "-n", "istio-system", "-f", "micro-gateway.yaml"))
        .isEqualTo(success("gateway.networking.istio.io/micro-gateway created\n"));

    assertThat(cluster.find("networking.istio.io/gateways", "istio-system", "micro-gateway"))
        .isPresent();
    assertThat(cluster.storedNames("networking.istio.io/gateways")).isEmpty();
  }

  @Test
  void applyIntoAMissingNamespaceIsNotFound(KubectlCluster cluster) {
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("apply", "-n", "nope", "-f", "micro-gateway.yaml"))
        .isEqualTo(
            KubectlResult.failure(
                """
                Error from server (NotFound): error when creating "micro-gateway.yaml": \
                namespaces "nope" not found
                """));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  /**
   * Server-side apply is not served yet: kubectl says so, whether or not the object exists (the
   * server refuses the patch type before looking the object up, as kube-apiserver does).
   */
  @ParameterizedTest(name = "object exists: {0}")
  @ValueSource(booleans = {false, true})
  void serverSideApplyIsReportedAsNotAvailable(boolean exists, KubectlCluster cluster) {
    if (exists) {
      cluster.kubectl().run("apply", "-f", "micro-gateway.yaml");
    }
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("apply", "--server-side", "-f", "micro-gateway.yaml"))
        .isEqualTo(
            KubectlResult.failure(
                """
                error: Server-side apply not available on the server: (the body of the request \
                was in an unknown format - accepted media types include: \
                application/json-patch+json, application/merge-patch+json)
                """));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  private static String lines(List<String> objects, String verb) {
    return objects.stream().map(object -> object + " " + verb + "\n").collect(Collectors.joining());
  }

  /** {@code deployment.apps/micro-api} → {@code apps/deployments}, {@code service/x} → services. */
  static String storeResource(String object) {
    String kind = object.substring(0, object.indexOf('/'));
    int dot = kind.indexOf('.');
    return dot < 0 ? kind + "s" : kind.substring(dot + 1) + "/" + kind.substring(0, dot) + "s";
  }

  private static String name(String object) {
    return object.substring(object.indexOf('/') + 1);
  }
}
