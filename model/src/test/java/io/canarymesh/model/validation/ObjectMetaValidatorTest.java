package io.canarymesh.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectMetaValidatorTest {

  @ParameterizedTest(name = "{1} {0} -> {2}")
  @CsvSource({
    "micro-api, DNS1123_SUBDOMAIN, true",
    "micro.api, DNS1123_SUBDOMAIN, true",
    "Micro, DNS1123_SUBDOMAIN, false",
    "micro.api, DNS1123_LABEL, false",
    "1api, DNS1123_LABEL, true",
    "1api, DNS1035_LABEL, false",
    "api-1, DNS1035_LABEL, true",
    "api-, DNS1035_LABEL, false",
  })
  void appliesTheKindsNameRule(String name, NameRule rule, boolean valid) {
    ObjectMeta meta = new ObjectMetaBuilder().withName(name).build();

    assertThat(ObjectMetaValidator.validate(meta, true, rule).isEmpty()).isEqualTo(valid);
  }

  @Test
  void acceptsAGenerateNameWithATrailingDash() {
    ObjectMeta meta =
        new ObjectMetaBuilder().withGenerateName("micro-api-").withName("micro-api-x1").build();

    assertThat(ObjectMetaValidator.validate(meta, true, NameRule.DNS1123_SUBDOMAIN)).isEmpty();
  }

  @Test
  void reportsABadGenerateName() {
    ObjectMeta meta =
        new ObjectMetaBuilder().withGenerateName("Micro-").withName("micro-1").build();

    assertThat(ObjectMetaValidator.validate(meta, true, NameRule.DNS1123_SUBDOMAIN))
        .extracting(FieldError::message)
        .containsExactly(
            "metadata.generateName: Invalid value: \"Micro-\": "
                + Names.checkDns1123Subdomain("Micro").get(0));
  }

  @Test
  void checksNegativeGeneration() {
    ObjectMeta meta = new ObjectMetaBuilder().withName("a").withGeneration(-1L).build();

    assertThat(ObjectMetaValidator.validate(meta, true, NameRule.DNS1123_SUBDOMAIN))
        .extracting(FieldError::message)
        .containsExactly(
            "metadata.generation: Invalid value: -1: must be greater than or equal to 0");
  }

  @Test
  void checksOwnerReferences() {
    OwnerReference first = owner("ReplicaSet", "a", "u1");
    OwnerReference second = owner("ReplicaSet", "b", "u2");
    OwnerReference broken =
        new OwnerReferenceBuilder().withApiVersion("apps/").withKind("").build();
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withName("p")
            .withOwnerReferences(List.of(first, second, broken))
            .build();

    assertThat(ObjectMetaValidator.validate(meta, true, NameRule.DNS1123_SUBDOMAIN))
        .extracting(FieldError::message)
        .containsExactly(
            "metadata.ownerReferences: Invalid value: Only one reference can have Controller set to"
                + " true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b",
            "metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
            "metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty",
            "metadata.ownerReferences.name: Invalid value: \"\": name must not be empty",
            "metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty");
  }

  @Test
  void carriesUnsetUidAndCreationTimestampOverOnUpdate() {
    ObjectMeta old =
        new ObjectMetaBuilder()
            .withName("a")
            .withNamespace("default")
            .withUid("u1")
            .withCreationTimestamp("2024-01-01T00:00:00Z")
            .build();
    ObjectMeta unset = new ObjectMetaBuilder().withName("a").withNamespace("default").build();
    ObjectMeta changed =
        new ObjectMetaBuilder().withName("a").withNamespace("other").withUid("u2").build();

    assertThat(ObjectMetaValidator.validateUpdate(old, unset)).isEmpty();
    assertThat(ObjectMetaValidator.validateUpdate(old, changed))
        .extracting(FieldError::message)
        .containsExactly(
            "metadata.namespace: Invalid value: \"other\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable");
  }

  private static OwnerReference owner(String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion("apps/v1")
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .build();
  }
}
