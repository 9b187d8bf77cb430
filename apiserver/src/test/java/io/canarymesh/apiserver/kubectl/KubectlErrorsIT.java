package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.failure;
import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.testing.kubectl.Kubectl;
import io.canarymesh.testing.kubectl.KubectlResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user sees when something is wrong, word for word, and that nothing reached the store: the
 * store's revision is the same before and after every refused command.
 */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlErrorsIT {

  /** A Deployment with one misspelt field: {@code replica} for {@code replicas}. */
  static final String MISSPELT_REPLICAS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replica: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
              - name: web
                image: nginx
      """;

  /** One 401 per object in the file: kubectl names the file and prints the Status message. */
  static final String UNAUTHORIZED_DELETE_OF_MICRO_API =
      """
      error: You must be logged in to the server (error when deleting "micro-api.yaml": \
      Unauthorized)
      error: You must be logged in to the server (error when deleting "micro-api.yaml": \
      Unauthorized)
      """;

  long revision;

  @BeforeEach
  void rememberTheRevision(KubectlCluster cluster) {
    revision = cluster.revision();
  }

  @Test
  void unknownFieldIsRejectedByStrictValidation(KubectlCluster cluster) {
    cluster.writeManifest("web.yaml", MISSPELT_REPLICAS);

    assertThat(cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "web.yaml"))
        .isEqualTo(
            failure(
                """
                Error from server (BadRequest): error when creating "web.yaml": Deployment in \
                version "v1" cannot be handled as a Deployment: strict decoding error: unknown \
                field "spec.replica"
                """));
    assertNothingStored(cluster);
  }

  @Test
  void everyUnknownFieldIsNamedWithItsPath(KubectlCluster cluster) {
    cluster.writeManifest(
        "web.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          colour: blue
        spec:
          replica: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: nginx
                  imagePolicy: Always
        """);

    assertThat(cluster.kubectl().in(cluster.manifests()).run("create", "-f", "web.yaml"))
        .isEqualTo(
            failure(
                """
                Error from server (BadRequest): error when creating "web.yaml": Deployment in \
                version "v1" cannot be handled as a Deployment: strict decoding error: unknown \
                field "metadata.colour", unknown field "spec.replica", unknown field \
                "spec.template.spec.containers[0].imagePolicy"
                """));
    assertNothingStored(cluster);
  }

  /** {@code --validate=warn} sends fieldValidation=Warn: the server drops the field and warns. */
  @Test
  void unknownFieldIsOnlyAWarningWhenValidationWarns(KubectlCluster cluster) {
    cluster.writeManifest("web.yaml", MISSPELT_REPLICAS);

    assertThat(
            cluster
                .kubectl()
                .in(cluster.manifests())
                .run("apply", "-f", "web.yaml", "--validate=warn"))
        .isEqualTo(
            new KubectlResult(
                0, "deployment.apps/web created\n", "Warning: unknown field \"spec.replica\"\n"));
    assertThat(cluster.stored("apps/deployments", "web").at("/spec/replicas").asInt())
        .as("defaulted, the misspelt field dropped")
        .isEqualTo(1);
  }

  /** {@code --validate=false} sends fieldValidation=Ignore. */
  @Test
  void unknownFieldIsIgnoredWhenValidationIsOff(KubectlCluster cluster) {
    cluster.writeManifest("web.yaml", MISSPELT_REPLICAS);

    assertThat(
            cluster
                .kubectl()
                .in(cluster.manifests())
                .run("apply", "-f", "web.yaml", "--validate=false"))
        .isEqualTo(success("deployment.apps/web created\n"));
    assertThat(cluster.stored("apps/deployments", "web").path("spec").has("replica")).isFalse();
  }

  @Test
  void selectorThatDoesNotMatchTheTemplateIsInvalid(KubectlCluster cluster) {
    cluster.writeManifest(
        "x.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: x
        spec:
          selector:
            matchLabels:
              app: x
          template:
            metadata:
              labels:
                app: other
            spec:
              containers:
                - name: x
                  image: nginx
        """);

    assertThat(cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "x.yaml"))
        .isEqualTo(
            failure(
                """
                The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: \
                map[string]string{"app":"other"}: `selector` does not match template `labels`
                """));
    assertNothingStored(cluster);
  }

  @Test
  void negativeVirtualServiceWeightIsInvalid(KubectlCluster cluster) {
    cluster.writeManifest(
        "bad-route.yaml",
        """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: bad-route
        spec:
          hosts:
            - micro-api
          http:
            - route:
                - destination:
                    host: micro-api
                    subset: v1
                  weight: -10
                - destination:
                    host: micro-api
                    subset: v2
                  weight: 110
        """);

    assertThat(cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "bad-route.yaml"))
        .isEqualTo(
            failure(
                """
                The VirtualService "bad-route" is invalid: spec.http[0].route[0].weight: \
                Invalid value: -10: weight -10 < 0
                """));
    assertNothingStored(cluster);
  }

  /** kubectl's own YAML parser refuses the file; nothing is sent. */
  @Test
  void malformedYamlIsRefusedByKubectl(KubectlCluster cluster) {
    cluster.writeManifest(
        "broken.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web
        spec:
          replicas: 1
        """);

    assertThat(cluster.kubectl().in(cluster.manifests()).run("apply", "-f", "broken.yaml"))
        .isEqualTo(
            failure(
                """
                error: error parsing broken.yaml: error converting YAML to JSON: yaml: line 5: \
                did not find expected ',' or '}'
                """));
    assertNothingStored(cluster);
  }

  @Test
  void creatingWhatExistsIsAlreadyExists(KubectlCluster cluster) {
    cluster.kubectl().run("create", "-f", "micro-api.yaml");
    long afterCreate = cluster.revision();

    assertThat(cluster.kubectl().run("create", "-f", "micro-api.yaml"))
        .isEqualTo(
            failure(
                """
                Error from server (AlreadyExists): error when creating "micro-api.yaml": \
                services "micro-api" already exists
                Error from server (AlreadyExists): error when creating "micro-api.yaml": \
                deployments.apps "micro-api" already exists
                """));
    assertThat(cluster.revision()).isEqualTo(afterCreate);
  }

  @Test
  void getOfAMissingDeploymentIsNotFound(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("get", "deployment", "nope"))
        .isEqualTo(failure("Error from server (NotFound): deployments.apps \"nope\" not found\n"));
  }

  @Test
  void scaleOfAMissingDeploymentIsNotFound(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("scale", "deployment", "nope", "--replicas=2"))
        .isEqualTo(
            failure("error: no objects passed to scale deployments.apps \"nope\" not found\n"));
    assertNothingStored(cluster);
  }

  /**
   * With discovery already cached (by the owner's apply), the request itself gets the 401 and
   * kubectl prints the Status message from its body. The objects are still there.
   */
  @Test
  void wrongTokenIsUnauthorized(KubectlCluster cluster) {
    cluster.kubectl().run("apply", "-f", "micro-api.yaml");
    long afterApply = cluster.revision();
    Kubectl intruder =
        cluster.kubectl().withKubeconfig(cluster.kubeconfigWithToken(Optional.of("x")));

    assertThat(intruder.run("delete", "-f", "micro-api.yaml"))
        .isEqualTo(failure(UNAUTHORIZED_DELETE_OF_MICRO_API));
    assertThat(intruder.run("get", "deployments"))
        .isEqualTo(failure("error: You must be logged in to the server (Unauthorized)\n"));
    assertThat(cluster.revision()).isEqualTo(afterApply);
    assertThat(cluster.storedNames("apps/deployments")).containsExactly("micro-api");
  }

  /**
   * With a fresh cache, discovery is the first request refused; its client ignores the body and
   * kubectl says so in its own words, once per discovery attempt and once at the end.
   */
  @Test
  void wrongTokenWithAFreshCacheFailsDiscovery(KubectlCluster cluster) {
    Kubectl intruder =
        cluster.kubectl().withKubeconfig(cluster.kubeconfigWithToken(Optional.of("x")));

    KubectlResult result = intruder.run("get", "deployments");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    List<String> lines = result.stderr().lines().toList();
    assertThat(lines.getLast())
        .isEqualTo(
            "error: You must be logged in to the server (the server has asked for the client to"
                + " provide credentials)");
    assertThat(lines.subList(0, lines.size() - 1))
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .endsWith(
                        "\"Unhandled Error\" err=\"couldn't get current server API group list:"
                            + " the server has asked for the client to provide credentials\""));
  }

  /** The write attempt fails already when kubectl fetches the OpenAPI document to validate. */
  @Test
  void wrongTokenCannotApply(KubectlCluster cluster) {
    Kubectl intruder =
        cluster.kubectl().withKubeconfig(cluster.kubeconfigWithToken(Optional.of("x")));

    assertThat(intruder.run("apply", "-f", "micro-api.yaml"))
        .isEqualTo(
            failure(
                """
                error: error validating "micro-api.yaml": error validating data: failed to \
                download openapi: the server has asked for the client to provide credentials; if \
                you choose to ignore these errors, turn validation off with --validate=false
                """));
    assertNothingStored(cluster);
  }

  /** Without any credentials kubectl itself asks for a user name (and stdin is empty). */
  @Test
  void noTokenMakesKubectlAskForAUserName(KubectlCluster cluster) {
    Kubectl anonymous =
        cluster.kubectl().withKubeconfig(cluster.kubeconfigWithToken(Optional.empty()));

    assertThat(anonymous.run("apply", "-f", "micro-api.yaml"))
        .isEqualTo(new KubectlResult(1, "Please enter Username: ", "error: EOF\n"));
    assertNothingStored(cluster);
  }

  /** A request without a bearer token (basic auth instead) is refused like a wrong token. */
  @Test
  void noBearerTokenIsUnauthorized(KubectlCluster cluster) {
    cluster.kubectl().run("apply", "-f", "micro-api.yaml");
    long afterApply = cluster.revision();
    Kubectl anonymous =
        cluster.kubectl().withKubeconfig(cluster.kubeconfigWithToken(Optional.empty()));

    assertThat(
            anonymous.run(
                "delete", "-f", "micro-api.yaml", "--username=admin", "--password=secret"))
        .isEqualTo(failure(UNAUTHORIZED_DELETE_OF_MICRO_API));
    assertThat(cluster.revision()).isEqualTo(afterApply);
    assertThat(cluster.storedNames("apps/deployments")).containsExactly("micro-api");
  }

  private void assertNothingStored(KubectlCluster cluster) {
    assertThat(cluster.revision()).as("the store's revision").isEqualTo(revision);
    assertThat(cluster.storedNames("apps/deployments")).isEmpty();
    assertThat(cluster.storedNames("networking.istio.io/virtualservices")).isEmpty();
  }
}
