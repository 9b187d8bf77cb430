package io.canarymesh.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

  @ParameterizedTest(name = "[{0}] prints as [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"                                              | \"\"",
        "metadata.name=x                                 | metadata.name=x",
        "metadata.name==x                                | metadata.name=x",
        "metadata.name!=x                                | metadata.name!=x",
        "\"metadata.namespace!=y,metadata.name=x\"         | metadata.name=x,metadata.namespace!=y",
        "metadata.name=                                  | metadata.name=",
        "\"a=x\\,y\"                                       | a=x\\,y",
        "\"a=x\\=y\"                                       | a=x\\=y",
      })
  void parsesToCanonicalForm(String text, String canonical) {
    FieldSelector selector = FieldSelector.parse(text);

    assertThat(selector.toString()).isEqualTo(canonical);
    assertThat(FieldSelector.parse(canonical)).isEqualTo(selector);
  }

  @Test
  void unescapesValues() {
    assertThat(FieldSelector.parse("a=x\\,y\\=z\\\\").terms())
        .containsExactly(new FieldSelector.Term("a", false, "x,y=z\\"));
  }

  @ParameterizedTest(name = "[{0}] on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "metadata.name=x                      | metadata.name=x | true",
        "metadata.name=x                      | metadata.name=y | false",
        "metadata.name!=x                     | metadata.name=y | true",
        "metadata.name!=x                     | metadata.name=x | false",
        "status.podIP=                        | \"\"              | true",
        "status.podIP!=                       | \"\"              | false",
        "\"metadata.name=x,status.phase=Running\" | metadata.name=x;status.phase=Running | true",
        "\"metadata.name=x,status.phase=Running\" | metadata.name=x;status.phase=Pending | false",
        "\"\"                                   | metadata.name=x | true",
      })
  void matches(String text, String fields, boolean expected) {
    Map<String, String> values = LabelSelectorTest.labels(fields);

    assertThat(FieldSelector.parse(text).matches(values)).isEqualTo(expected);
    assertThat(FieldSelector.parse(text).matches(f -> Optional.ofNullable(values.get(f))))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "metadata.name         | invalid selector: 'metadata.name'; can't understand 'metadata.name'",
        "\"a=1,b\"               | invalid selector: 'a=1,b'; can't understand 'b'",
        "\"a=x\\y\"              | invalid field selector: invalid escape sequence: \\y",
        "\"a=x\\\"               | invalid field selector: invalid escape sequence: \\",
        "\"a=x=y\"               | invalid field selector: unescaped character in value: =",
      })
  void reportsSyntaxErrors(String text, String message) {
    assertThatThrownBy(() -> FieldSelector.parse(text))
        .isInstanceOf(SelectorException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsFieldsTheKindDoesNotSupport() {
    FieldSelector selector = FieldSelector.parse("metadata.name=x,spec.nodeName=n");

    assertThat(selector.requireSupported(SelectableFields.supportedFields(Pod.class)))
        .isSameAs(selector);
    assertThatThrownBy(
            () -> selector.requireSupported(SelectableFields.supportedFields(Service.class)))
        .isInstanceOf(SelectorException.class)
        .hasMessage("field label not supported: spec.nodeName");
  }

  @Test
  void findsTheNameARolloutStatusListAsksFor() {
    assertThat(FieldSelector.parse("metadata.name=micro-api").requiredValue("metadata.name"))
        .contains("micro-api");
    assertThat(FieldSelector.parse("metadata.name!=x").requiredValue("metadata.name")).isEmpty();
  }

  @Test
  void selectsEventsTheWayDescribeAsksForThem() {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName("micro-api.17")
            .withNamespace("default")
            .endMetadata()
            .withNewInvolvedObject()
            .withKind("Deployment")
            .withUid("u-1")
            .withName("micro-api")
            .withNamespace("default")
            .withApiVersion("apps/v1")
            .endInvolvedObject()
            .withReason("ScalingReplicaSet")
            .withType("Normal")
            .withReportingComponent("deployment-controller")
            .build();
    FieldSelector describe =
        FieldSelector.parse(
                "involvedObject.kind=Deployment,involvedObject.uid=u-1,"
                    + "involvedObject.name=micro-api,involvedObject.namespace=default")
            .requireSupported(SelectableFields.supportedFields(Event.class));

    assertThat(describe.matches(SelectableFields.of(event))).isTrue();
    assertThat(SelectableFields.of(event))
        .containsEntry("source", "deployment-controller")
        .containsEntry("reason", "ScalingReplicaSet")
        .containsEntry("type", "Normal")
        .containsEntry("involvedObject.apiVersion", "apps/v1");
    assertThat(FieldSelector.parse("involvedObject.uid=u-2").matches(SelectableFields.of(event)))
        .isFalse();
  }

  @Test
  void extractsPodFields() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withNodeName("local")
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .withPodIP("127.244.0.7")
            .endStatus()
            .build();

    assertThat(SelectableFields.of(pod))
        .containsEntry("metadata.name", "p")
        .containsEntry("metadata.namespace", "default")
        .containsEntry("spec.nodeName", "local")
        .containsEntry("status.phase", "Running")
        .containsEntry("status.podIP", "127.244.0.7")
        .containsEntry("spec.hostNetwork", "false");
  }

  @Test
  void everyKindSupportsNameAndNamespace() {
    Service service = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().build();

    assertThat(SelectableFields.supportedFields(Service.class))
        .containsExactlyInAnyOrder("metadata.name", "metadata.namespace");
    assertThat(SelectableFields.of(service)).isEqualTo(Map.of("metadata.name", "s"));
  }
}
