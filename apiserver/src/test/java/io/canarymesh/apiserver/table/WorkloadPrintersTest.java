package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Deployments and replica sets. */
class WorkloadPrintersTest {
  /** The article's canary (micro-api-canary.yaml), applied then paused half-way. */
  private static final String PAUSED_CANARY =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: micro-api
        namespace: default
        creationTimestamp: "2025-06-01T11:45:00Z"
      spec:
        replicas: 3
        paused: true
        selector:
          matchLabels: {app: micro-api}
        template:
          metadata:
            labels: {app: micro-api, track: canary}
          spec:
            containers:
              - name: micro-api
                image: registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT
      status:
        replicas: 4
        readyReplicas: 4
        updatedReplicas: 2
        availableReplicas: 4
      """;

  @Test
  void pausedCanaryReadsLikeTheArticle() {
    assertThat(cells("deployments", PAUSED_CANARY))
        .isEqualTo(
            """
            ["micro-api","4/3",2,4,"15m","micro-api",\
            "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT",\
            "app=micro-api"]""");
  }

  @Test
  void deploymentWithoutStatusYet() {
    String fresh =
        """
        metadata: {name: micro-api-v2, creationTimestamp: "2025-06-01T11:59:58Z"}
        spec:
          replicas: 2
          selector: {matchLabels: {app: micro-api, version: v2}}
          template:
            spec:
              containers:
                - {name: micro-api, image: "micro-api:1.3-SNAPSHOT"}
                - {name: log-shipper, image: "shipper:2"}
        """;

    assertThat(cells("deployments", fresh))
        .isEqualTo(
            """
            ["micro-api-v2","0/2",0,0,"2s","micro-api,log-shipper",\
            "micro-api:1.3-SNAPSHOT,shipper:2","app=micro-api,version=v2"]""");
  }

  @Test
  void deploymentSelectorWithExpressions() {
    String deployment =
        """
        metadata: {name: web}
        spec:
          replicas: 1
          selector:
            matchLabels: {tier: web}
            matchExpressions:
              - {key: track, operator: In, values: [stable, canary]}
              - {key: legacy, operator: DoesNotExist}
        """;

    assertThat(cells("deployments", deployment))
        .isEqualTo(
            """
            ["web","0/1",0,0,"<unknown>","","","!legacy,tier=web,track in (canary,stable)"]""");
  }

  @Test
  void deploymentWithABadSelector() {
    String deployment =
        """
        metadata: {name: web}
        spec:
          selector: {matchExpressions: [{key: track, operator: Like, values: [canary]}]}
        """;

    assertThat(cells("deployments", deployment))
        .isEqualTo(
            """
            ["web","0/1",0,0,"<unknown>","","","<invalid>"]""");
  }

  @Test
  void replicaSetOfTheCanary() {
    String replicaSet =
        """
        metadata:
          name: micro-api-5d8f7c9b4
          creationTimestamp: "2025-06-01T11:50:00Z"
          labels: {app: micro-api, pod-template-hash: 5d8f7c9b4}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: micro-api, pod-template-hash: 5d8f7c9b4}
          template:
            spec:
              containers:
                - {name: micro-api, image: "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT"}
        status: {replicas: 2, readyReplicas: 1}
        """;

    assertThat(cells("replicasets", replicaSet))
        .isEqualTo(
            """
            ["micro-api-5d8f7c9b4",2,2,1,"10m","micro-api",\
            "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT",\
            "app=micro-api,pod-template-hash=5d8f7c9b4"]""");
  }

  @Test
  void replicaSetScaledToZeroWithoutSelector() {
    String replicaSet = "metadata: {name: old}\nspec: {replicas: 0}\n";

    assertThat(cells("replicasets", replicaSet))
        .isEqualTo(
            """
            ["old",0,0,0,"<unknown>","","","<none>"]""");
  }
}
