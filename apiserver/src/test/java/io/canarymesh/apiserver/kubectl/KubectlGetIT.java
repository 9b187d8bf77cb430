package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.canarymesh.testing.kubectl.KubectlResult;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kubectl get} after the article's part 1 and part 3 manifests, 3m12s later: the columns of
 * kube-apiserver's tables. No controllers run, so a Deployment has no status (READY 0/3) and there
 * are no pods, as on a cluster whose controller manager is down.
 */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlGetIT {
  static final Duration AGE = Duration.ofMinutes(3).plusSeconds(12);
  static final String IMAGE = "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0-SNAPSHOT";

  @BeforeEach
  void applyTheArticlesManifests(KubectlCluster cluster) {
    KubectlResult applied =
        cluster
            .kubectl()
            .run(
                "apply",
                "-f",
                "micro-api.yaml",
                "-f",
                "micro-gateway.yaml",
                "-f",
                "virtual-service-all.yaml",
                "-f",
                "destination-rule-all.yaml");
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    cluster.clock().advance(AGE);
  }

  @Test
  void getDeployments(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "deployments"))
        .isEqualTo(
            success(
                """
                NAME        READY   UP-TO-DATE   AVAILABLE   AGE
                micro-api   0/3     0            0           3m12s
                """));
  }

  @Test
  void getOneDeploymentByName(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "deployment", "micro-api"))
        .isEqualTo(
            success(
                """
                NAME        READY   UP-TO-DATE   AVAILABLE   AGE
                micro-api   0/3     0            0           3m12s
                """));
  }

  @Test
  void getPodsFindsNoneWithoutControllers(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "pods"))
        .isEqualTo(new KubectlResult(0, "", "No resources found in default namespace.\n"));
  }

  @Test
  void getServicesShowsAClusterIpFromTheServiceRange(KubectlCluster cluster) throws Exception {
    String clusterIp = clusterIp(cluster);

    assertThat(cluster.kubectl().run("get", "svc"))
        .isEqualTo(
            success(
                """
                NAME        TYPE        %sEXTERNAL-IP   PORT(S)     AGE
                micro-api   ClusterIP   %s<none>        19090/TCP   3m12s
                """
                    .formatted(ipColumn("CLUSTER-IP", clusterIp), ipColumn(clusterIp, clusterIp))));
    byte[] address = InetAddress.getByName(clusterIp).getAddress();
    assertThat(address[0]).as("127.96.0.0/12").isEqualTo((byte) 127);
    assertThat(address[1] & 0xf0).as("127.96.0.0/12").isEqualTo(96);
  }

  @Test
  void getVirtualServicesShowsGatewaysAndHostsAsJsonArrays(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "vs"))
        .isEqualTo(
            success(
                """
                NAME              GATEWAYS            HOSTS                                     AGE
                micro-api-route   ["micro-gateway"]   ["micro-api.default.svc.cluster.local"]   3m12s
                """));
  }

  @Test
  void getDestinationRulesShowsTheHost(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "dr"))
        .isEqualTo(
            success(
                """
                NAME                    HOST        AGE
                micro-api-destination   micro-api   3m12s
                """));
  }

  @Test
  void getGateways(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "gw"))
        .isEqualTo(
            success(
                """
                NAME            AGE
                micro-gateway   3m12s
                """));
  }

  @Test
  void getDeploymentsWideAddsContainersImagesAndSelector(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "deployments", "-o", "wide"))
        .isEqualTo(
            success(
                """
                NAME        READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES%s   SELECTOR
                micro-api   0/3     0            0           3m12s   micro-api    %s   app=micro-api
                """
                    .formatted(" ".repeat(IMAGE.length() - "IMAGES".length()), IMAGE)));
  }

  @Test
  void getServicesWideAddsTheSelector(KubectlCluster cluster) throws Exception {
    String clusterIp = clusterIp(cluster);

    assertThat(cluster.kubectl().run("get", "svc", "-o", "wide"))
        .isEqualTo(
            success(
                """
                NAME        TYPE        %sEXTERNAL-IP   PORT(S)     AGE     SELECTOR
                micro-api   ClusterIP   %s<none>        19090/TCP   3m12s   app=micro-api
                """
                    .formatted(ipColumn("CLUSTER-IP", clusterIp), ipColumn(clusterIp, clusterIp))));
  }

  @Test
  void showLabelsPrintsTheLabelsALabelCommandAdded(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("label", "deployment", "micro-api", "track=stable"))
        .isEqualTo(success("deployment.apps/micro-api labeled\n"));

    assertThat(cluster.kubectl().run("get", "deployments", "--show-labels"))
        .isEqualTo(
            success(
                """
                NAME        READY   UP-TO-DATE   AVAILABLE   AGE     LABELS
                micro-api   0/3     0            0           3m12s   track=stable
                """));
    assertThat(cluster.stored("apps/deployments", "micro-api").at("/metadata/generation").asLong())
        .as("a label is metadata: no new generation")
        .isEqualTo(1);
  }

  @Test
  void showLabelsPrintsNoneForAnObjectWithoutLabels(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "gw", "--show-labels"))
        .isEqualTo(
            success(
                """
                NAME            AGE     LABELS
                micro-gateway   3m12s   <none>
                """));
  }

  @Test
  void outputYamlIsTheStoredObject(KubectlCluster cluster) throws Exception {
    KubectlResult result = cluster.kubectl().run("get", "deployment", "micro-api", "-o", "yaml");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode printed = new ObjectMapper(new YAMLFactory()).readTree(result.stdout());
    JsonNode stored = cluster.stored("apps/deployments", "micro-api");
    assertThat(printed.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(printed.path("kind").asText()).isEqualTo("Deployment");
    assertThat(printed.at("/metadata/uid").asText()).isEqualTo(stored.at("/metadata/uid").asText());
    assertThat(printed.at("/metadata/resourceVersion").asText())
        .isEqualTo(stored.at("/metadata/resourceVersion").asText());
    assertThat(printed).isEqualTo(stored);
  }

  /**
   * The printed YAML goes back in through PUT unchanged. kubectl replace rewrites the last-applied
   * annotation (it records what was sent), so only metadata changes: a new resourceVersion, the
   * same generation.
   */
  @Test
  void outputYamlReplacedAsItIsKeepsSpecAndGeneration(KubectlCluster cluster) {
    String yaml = cluster.kubectl().run("get", "deployment", "micro-api", "-o", "yaml").stdout();
    JsonNode before = cluster.stored("apps/deployments", "micro-api");

    assertThat(cluster.kubectl().runWithInput(yaml, "replace", "-f", "-"))
        .isEqualTo(success("deployment.apps/micro-api replaced\n"));
    JsonNode after = cluster.stored("apps/deployments", "micro-api");
    assertThat(after.path("spec")).isEqualTo(before.path("spec"));
    assertThat(after.at("/metadata/uid")).isEqualTo(before.at("/metadata/uid"));
    assertThat(after.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(after.at("/metadata/resourceVersion").asLong())
        .isGreaterThan(before.at("/metadata/resourceVersion").asLong());
  }

  @Test
  void outputJsonPath(KubectlCluster cluster) {
    assertThat(
            cluster
                .kubectl()
                .run("get", "deployment", "micro-api", "-o", "jsonpath={.spec.replicas}"))
        .isEqualTo(success("3"));
  }

  @Test
  void getTwoKindsPrintsOneTablePerKind(KubectlCluster cluster) throws Exception {
    String clusterIp = clusterIp(cluster);

    assertThat(cluster.kubectl().run("get", "deploy,svc"))
        .isEqualTo(
            success(
                """
                NAME                        READY   UP-TO-DATE   AVAILABLE   AGE
                deployment.apps/micro-api   0/3     0            0           3m12s

                NAME                TYPE        %sEXTERNAL-IP   PORT(S)     AGE
                service/micro-api   ClusterIP   %s<none>        19090/TCP   3m12s
                """
                    .formatted(ipColumn("CLUSTER-IP", clusterIp), ipColumn(clusterIp, clusterIp))));
  }

  /** Category {@code all}: pods (none yet), services, deployments, replicasets (none yet). */
  @Test
  void getAllPrintsTheKindsOfCategoryAll(KubectlCluster cluster) throws Exception {
    String clusterIp = clusterIp(cluster);

    assertThat(cluster.kubectl().run("get", "all"))
        .isEqualTo(
            success(
                """
                NAME                TYPE        %sEXTERNAL-IP   PORT(S)     AGE
                service/micro-api   ClusterIP   %s<none>        19090/TCP   3m12s

                NAME                        READY   UP-TO-DATE   AVAILABLE   AGE
                deployment.apps/micro-api   0/3     0            0           3m12s
                """
                    .formatted(ipColumn("CLUSTER-IP", clusterIp), ipColumn(clusterIp, clusterIp))));
  }

  private static String clusterIp(KubectlCluster cluster) {
    String ip = cluster.stored("services", "micro-api").at("/spec/clusterIP").asText();
    assertThat(ip).matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    return ip;
  }

  /**
   * A CLUSTER-IP cell padded as kubectl pads it: to the widest cell of the column (the header or
   * the address, whose length varies with the allocated address), then three spaces.
   */
  private static String ipColumn(String cell, String clusterIp) {
    int width = Math.max("CLUSTER-IP".length(), clusterIp.length()) + 3;
    return cell + " ".repeat(width - cell.length());
  }
}
