package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canarymesh.testing.kubectl.KubectlResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What kubectl learns about the server: its version (1.32) and the resources it serves. */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlDiscoveryIT {

  /** /usr/bin/kubectl is a dispatcher that runs the kubectl build for the server's minor. */
  @Test
  void versionReportsKubernetes132(KubectlCluster cluster) throws Exception {
    KubectlResult result = cluster.kubectl().run("version", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode server = new ObjectMapper().readTree(result.stdout()).path("serverVersion");
    assertThat(server.path("major").asText()).isEqualTo("1");
    assertThat(server.path("minor").asText()).isEqualTo("32");
    assertThat(server.path("gitVersion").asText()).startsWith("v1.32.");
    assertThat(server.path("platform").asText()).isNotEmpty();
  }

  @Test
  void apiResourcesListsEveryServedKindWithItsShortNames(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("api-resources"))
        .isEqualTo(
            success(
                """
                NAME               SHORTNAMES   APIVERSION               NAMESPACED   KIND
                configmaps         cm           v1                       true         ConfigMap
                endpoints          ep           v1                       true         Endpoints
                events             ev           v1                       true         Event
                namespaces         ns           v1                       false        Namespace
                pods               po           v1                       true         Pod
                secrets                         v1                       true         Secret
                services           svc          v1                       true         Service
                deployments        deploy       apps/v1                  true         Deployment
                replicasets        rs           apps/v1                  true         ReplicaSet
                destinationrules   dr           networking.istio.io/v1   true         DestinationRule
                gateways           gw           networking.istio.io/v1   true         Gateway
                serviceentries     se           networking.istio.io/v1   true         ServiceEntry
                virtualservices    vs           networking.istio.io/v1   true         VirtualService
                workloadentries    we           networking.istio.io/v1   true         WorkloadEntry
                """));
  }

  @Test
  void apiResourcesOfTheIstioCategory(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("api-resources", "--categories=istio-io", "-o", "name"))
        .isEqualTo(
            success(
                """
                destinationrules.networking.istio.io
                gateways.networking.istio.io
                serviceentries.networking.istio.io
                virtualservices.networking.istio.io
                workloadentries.networking.istio.io
                """));
  }

  @Test
  void apiVersionsListsTheThreeIstioVersions(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("api-versions"))
        .isEqualTo(
            success(
                """
                apps/v1
                networking.istio.io/v1
                networking.istio.io/v1alpha3
                networking.istio.io/v1beta1
                v1
                """));
  }
}
