package io.canarymesh.model.patch;

import static io.canarymesh.model.patch.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The strategic merge patches kubectl sends, byte for byte, on the seed Deployment. */
class StrategicMergePatchTest {
  private static final PatchSchema DEPLOYMENT = PatchSchema.forKind("Deployment");
  private static final String IMAGE_1_1 =
      "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.1-SNAPSHOT";
  private static final String IMAGE_1_3 =
      "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT";

  private static ObjectNode deployment() {
    return (ObjectNode) Json.resource("micro-api-deployment.json");
  }

  @Test
  void setImageChangesOnlyTheImage() {
    JsonNode patch =
        parse(
            """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"micro-api"}],\
            "containers":[{"image":"registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.1-SNAPSHOT",\
            "name":"micro-api"}]}}}}""");
    ObjectNode original = deployment();

    JsonNode patched = StrategicMergePatch.apply(original, patch, DEPLOYMENT);

    ObjectNode expected = deployment();
    ((ObjectNode) expected.at("/spec/template/spec/containers/0")).put("image", IMAGE_1_1);
    assertThat(patched).isEqualTo(expected);
    assertThat(original).isEqualTo(deployment());
  }

  @Test
  void rolloutPauseSetsPausedAndResumeRemovesIt() {
    JsonNode paused =
        StrategicMergePatch.apply(deployment(), parse("{\"spec\":{\"paused\":true}}"), DEPLOYMENT);
    JsonNode resumed =
        StrategicMergePatch.apply(paused, parse("{\"spec\":{\"paused\":null}}"), DEPLOYMENT);

    ObjectNode expectedPaused = deployment();
    ((ObjectNode) expectedPaused.get("spec")).put("paused", true);
    assertThat(paused).isEqualTo(expectedPaused);
    assertThat(resumed).isEqualTo(deployment());
    assertThat(resumed.get("spec").has("paused")).isFalse();
  }

  /**
   * Client-side {@code kubectl apply} of micro-api-canary.yaml over a Deployment last applied with
   * a second container {@code x}: kubectl's three-way patch adds the {@code track} label, changes
   * the image, deletes {@code x} with {@code $patch: delete} and records the new manifest.
   */
  @Test
  void clientSideApplyOfTheCanaryManifest() {
    ObjectNode live = deployment();
    ((ArrayNode) live.at("/spec/template/spec/containers"))
        .add(
            parse(
                """
                {"name":"x","image":"busybox","resources":{},
                 "terminationMessagePath":"/dev/termination-log",
                 "terminationMessagePolicy":"File","imagePullPolicy":"Always"}"""));
    JsonNode patch =
        parse(
            """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"NEW\\n"}},\
            "spec":{"template":{"metadata":{"labels":{"track":"canary"}},\
            "spec":{"$setElementOrder/containers":[{"name":"micro-api"}],\
            "containers":[{"image":"registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT",\
            "name":"micro-api"},{"$patch":"delete","name":"x"}]}}}}""");

    JsonNode applied = StrategicMergePatch.apply(live, patch, DEPLOYMENT);

    ObjectNode expected = deployment();
    ((ObjectNode) expected.at("/metadata/annotations"))
        .put("kubectl.kubernetes.io/last-applied-configuration", "NEW\n");
    ((ObjectNode) expected.at("/spec/template/metadata/labels")).put("track", "canary");
    ((ObjectNode) expected.at("/spec/template/spec/containers/0")).put("image", IMAGE_1_3);
    assertThat(applied).isEqualTo(expected);
    assertThat(applied.at("/metadata/annotations/deployment.kubernetes.io~1revision").textValue())
        .isEqualTo("1");
    assertThat(applied.at("/spec/template/spec/containers").size()).isEqualTo(1);
  }

  /** kubectl apply switching to Recreate sends retainKeys so rollingUpdate goes away. */
  @Test
  void applySwitchingStrategyToRecreateDropsRollingUpdate() {
    JsonNode patch =
        parse(
            """
            {"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}""");

    JsonNode applied = StrategicMergePatch.apply(deployment(), patch, DEPLOYMENT);

    assertThat(applied.at("/spec/strategy")).isEqualTo(parse("{\"type\":\"Recreate\"}"));
  }

  @Test
  void applyAddingAnEnvVarAndAPortMergesIntoTheContainer() {
    JsonNode patch =
        parse(
            """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"micro-api"}],
             "containers":[{"$setElementOrder/ports":[{"containerPort":19090},{"containerPort":9901}],
               "env":[{"name":"MODE","value":"canary"}],"name":"micro-api",
               "ports":[{"containerPort":9901,"name":"admin"}]}]}}}}""");

    JsonNode applied = StrategicMergePatch.apply(deployment(), patch, DEPLOYMENT);

    JsonNode container = applied.at("/spec/template/spec/containers/0");
    assertThat(container.get("env")).isEqualTo(parse("[{\"name\":\"MODE\",\"value\":\"canary\"}]"));
    assertThat(container.get("ports"))
        .isEqualTo(
            parse(
                """
                [{"name":"http","containerPort":19090,"protocol":"TCP"},
                 {"containerPort":9901,"name":"admin"}]"""));
    assertThat(container.get("image").textValue()).endsWith("micro-api:1.0-SNAPSHOT");
  }

  @Test
  void serviceApplyMergesPortsByPortKeepingServerDefaults() {
    JsonNode service =
        parse(
            """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"micro-api"},
             "spec":{"type":"ClusterIP","clusterIP":"127.96.0.10","clusterIPs":["127.96.0.10"],
              "selector":{"app":"micro-api"},
              "ports":[{"name":"http","port":19090,"protocol":"TCP","targetPort":9090}]}}""");
    JsonNode patch =
        parse(
            """
            {"spec":{"$setElementOrder/ports":[{"port":19090}],
             "ports":[{"port":19090,"targetPort":9091}]}}""");

    JsonNode applied = StrategicMergePatch.apply(service, patch, PatchSchema.forKind("Service"));

    assertThat(applied.at("/spec/ports"))
        .isEqualTo(
            parse("[{\"name\":\"http\",\"port\":19090,\"protocol\":\"TCP\",\"targetPort\":9091}]"));
    assertThat(applied.at("/spec/clusterIP").textValue()).isEqualTo("127.96.0.10");
  }

  @Test
  void finalizersMergeAsASetAndOwnerReferencesByUid() {
    ObjectNode live = deployment();
    ((ObjectNode) live.get("metadata"))
        .set("finalizers", parse("[\"example.com/a\",\"example.com/b\"]"));
    ((ObjectNode) live.get("metadata"))
        .set("ownerReferences", parse("[{\"uid\":\"u1\",\"kind\":\"Canary\",\"name\":\"c\"}]"));
    JsonNode patch =
        parse(
            """
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/a"],
             "finalizers":["example.com/c"],
             "ownerReferences":[{"uid":"u1","controller":true},{"uid":"u2","kind":"X","name":"y"}]}}""");

    JsonNode applied = StrategicMergePatch.apply(live, patch, DEPLOYMENT);

    assertThat(applied.at("/metadata/finalizers"))
        .isEqualTo(parse("[\"example.com/b\",\"example.com/c\"]"));
    assertThat(applied.at("/metadata/ownerReferences"))
        .isEqualTo(
            parse(
                """
                [{"uid":"u1","kind":"Canary","name":"c","controller":true},
                 {"uid":"u2","kind":"X","name":"y"}]"""));
  }

  @Test
  void statusConditionsMergeByType() {
    JsonNode patch =
        parse(
            """
            {"status":{"conditions":[{"type":"Progressing","reason":"DeploymentPaused","status":"Unknown"}]}}""");

    JsonNode applied = StrategicMergePatch.apply(deployment(), patch, DEPLOYMENT);

    assertThat(applied.at("/status/conditions"))
        .isEqualTo(
            parse(
                """
                [{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},
                 {"type":"Progressing","status":"Unknown","reason":"DeploymentPaused"}]"""));
  }

  @Test
  void withAnEmptySchemaListsAreReplaced() {
    JsonNode applied =
        StrategicMergePatch.apply(
            deployment(),
            parse("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"other\"}]}}}}"),
            PatchSchema.empty());

    assertThat(applied.at("/spec/template/spec/containers"))
        .isEqualTo(parse("[{\"name\":\"other\"}]"));
  }

  @Test
  void leavesThePatchUntouched() {
    String text =
        """
        {"spec":{"$setElementOrder/x":[],"strategy":{"$retainKeys":["type"],"type":"Recreate"},
         "template":{"spec":{"containers":[{"name":"micro-api","$patch":"merge"},
          {"name":"gone","$patch":"delete"}]}}}}""";
    JsonNode patch = parse(text);

    StrategicMergePatch.apply(deployment(), patch, DEPLOYMENT);

    assertThat(patch).isEqualTo(parse(text));
  }
}
