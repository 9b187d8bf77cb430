package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionsTest {

  @Test
  void revisionsAreReadFromTheAnnotation() {
    assertThat(Revisions.revision(rs("a", "3"))).isEqualTo(3);
    assertThat(Revisions.revision(rs("a", null))).isZero();
    assertThatThrownBy(() -> Revisions.revision(rs("a", "x")))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void maxLastAndNextRevision() {
    List<ReplicaSet> all = List.of(rs("a", "1"), rs("b", "3"), rs("c", "2"), rs("d", "bad"));

    assertThat(Revisions.maxRevision(all)).isEqualTo(3);
    assertThat(Revisions.lastRevision(all)).isEqualTo(2);
    assertThat(Revisions.lastRevision(List.of(rs("a", "3"), rs("b", "3")))).isEqualTo(3);
    assertThat(Revisions.nextRevision(all)).isEqualTo("4");
    assertThat(Revisions.nextRevision(List.of())).isEqualTo("1");
  }

  @Test
  void newReplicaSetGetsCopiedAnnotationsRevisionAndReplicas() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");
    d.getMetadata()
        .setAnnotations(
            Map.of(
                "kubernetes.io/change-cause",
                    "kubectl set image deployment/micro-api micro-api=…:1.1-SNAPSHOT",
                "kubectl.kubernetes.io/last-applied-configuration", "{…}",
                "deployment.kubernetes.io/revision", "1"));

    ReplicaSetAnnotations.Update update =
        ReplicaSetAnnotations.forNewReplicaSet(d, Map.of(), "2", false);

    assertThat(update.changed()).isTrue();
    assertThat(update.annotations())
        .containsOnly(
            Map.entry(
                "kubernetes.io/change-cause",
                "kubectl set image deployment/micro-api micro-api=…:1.1-SNAPSHOT"),
            Map.entry("deployment.kubernetes.io/revision", "2"),
            Map.entry("deployment.kubernetes.io/desired-replicas", "3"),
            Map.entry("deployment.kubernetes.io/max-replicas", "4"));
  }

  @Test
  void revivedReplicaSetRemembersItsOldRevisions() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");
    Map<String, String> current = Map.of("deployment.kubernetes.io/revision", "1");

    ReplicaSetAnnotations.Update first =
        ReplicaSetAnnotations.forNewReplicaSet(d, current, "3", true);
    Map<String, String> again = new HashMap<>(first.annotations());
    ReplicaSetAnnotations.Update second =
        ReplicaSetAnnotations.forNewReplicaSet(d, again, "5", true);

    assertThat(first.annotations())
        .containsOnly(
            Map.entry("deployment.kubernetes.io/revision", "3"),
            Map.entry("deployment.kubernetes.io/revision-history", "1"));
    assertThat(second.annotations())
        .containsEntry("deployment.kubernetes.io/revision-history", "1,3")
        .containsEntry("deployment.kubernetes.io/revision", "5");
  }

  @Test
  void aHigherRevisionIsKeptAndNothingChanges() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");

    ReplicaSetAnnotations.Update update =
        ReplicaSetAnnotations.forNewReplicaSet(
            d, Map.of("deployment.kubernetes.io/revision", "7"), "3", true);

    assertThat(update.changed()).isFalse();
    assertThat(update.annotations())
        .containsOnly(Map.entry("deployment.kubernetes.io/revision", "7"));
  }

  @Test
  void revisionsCompareAsNumbersNotText() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");

    assertThat(
            ReplicaSetAnnotations.forNewReplicaSet(
                    d, Map.of("deployment.kubernetes.io/revision", "9"), "10", true)
                .annotations())
        .containsEntry("deployment.kubernetes.io/revision", "10");
  }

  @Test
  void replicasAnnotations() {
    ReplicaSetAnnotations.Update update =
        ReplicaSetAnnotations.withReplicas(
            Map.of("deployment.kubernetes.io/desired-replicas", "3"), 3, 4);

    assertThat(update.changed()).isTrue();
    assertThat(update.annotations()).containsEntry("deployment.kubernetes.io/max-replicas", "4");
    assertThat(ReplicaSetAnnotations.withReplicas(update.annotations(), 3, 4).changed()).isFalse();
  }

  @Test
  void findsTheOldestReplicaSetWithTheDeploymentsTemplate() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");
    d.getSpec().setTemplate(PodTemplateHashTest.template("1.0-SNAPSHOT"));
    ReplicaSet v1 =
        rs(
            "micro-api-57c7cb5b74",
            "1",
            "2024-05-01T09:00:00Z",
            PodTemplateHashTest.template("1.0-SNAPSHOT"),
            0);
    ReplicaSet v2 =
        rs(
            "micro-api-677dd4d5b6",
            "2",
            "2024-05-01T09:10:00Z",
            PodTemplateHashTest.template("1.1-SNAPSHOT"),
            3);
    ReplicaSet dup =
        rs(
            "micro-api-zzz",
            "3",
            "2024-05-01T09:20:00Z",
            PodTemplateHashTest.template("1.0-SNAPSHOT"),
            0);

    assertThat(ReplicaSetSelection.findNewReplicaSet(d, List.of(dup, v2, v1))).contains(v1);
    ReplicaSetSelection.OldReplicaSets old =
        ReplicaSetSelection.findOldReplicaSets(d, List.of(dup, v2, v1));
    assertThat(old.all()).containsExactly(dup, v2);
    assertThat(old.withReplicas()).containsExactly(v2);
    ReplicaSetGroup group = ReplicaSetSelection.group(d, List.of(dup, v2, v1));
    assertThat(group.newRS())
        .hasValueSatisfying(rs -> assertThat(rs.name()).isEqualTo("micro-api-57c7cb5b74"));
    assertThat(group.oldRSs())
        .extracting(ReplicaSetSnapshot::name)
        .containsExactly("micro-api-zzz", "micro-api-677dd4d5b6");
  }

  @Test
  void noNewReplicaSetWhenNoTemplateMatches() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");
    d.getSpec().setTemplate(PodTemplateHashTest.template("1.3-SNAPSHOT"));

    assertThat(
            ReplicaSetSelection.findNewReplicaSet(
                d,
                List.of(
                    rs(
                        "v1",
                        "1",
                        "2024-05-01T09:00:00Z",
                        PodTemplateHashTest.template("1.0-SNAPSHOT"),
                        3))))
        .isEmpty();
  }

  private static ReplicaSet rs(String name, String revision) {
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(name).endMetadata().build();
    if (revision != null) {
      rs.getMetadata().setAnnotations(Map.of("deployment.kubernetes.io/revision", revision));
    }
    return rs;
  }

  private static ReplicaSet rs(
      String name, String revision, String created, PodTemplateSpec template, int replicas) {
    ReplicaSet rs = rs(name, revision);
    rs.getMetadata().setCreationTimestamp(created);
    rs.getMetadata().setUid("uid-" + name);
    template
        .getMetadata()
        .getLabels()
        .put("pod-template-hash", name.substring(name.lastIndexOf('-') + 1));
    return new ReplicaSetBuilder(rs)
        .withNewSpec()
        .withReplicas(replicas)
        .withTemplate(template)
        .endSpec()
        .build();
  }
}
