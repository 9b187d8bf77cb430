package io.canarymesh.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DiscoveryFormatTest {

  /** NONE means: nothing acceptable, answer 406. */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // what kubectl 1.32 sends
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
            + "application/json | AGGREGATED_V2",
        // what kubectl 1.28 sends
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
            + "application/json | AGGREGATED_V2BETA1",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | AGGREGATED_V2",
        // parameter order, spaces and case of names do not matter
        "application/json; as=APIGroupDiscoveryList; V=v2; g=apidiscovery.k8s.io | AGGREGATED_V2",
        "Application/JSON;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | AGGREGATED_V2",
        // quality beats order
        "application/json;q=0.5,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
            + " | AGGREGATED_V2BETA1",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,"
            + "application/json | LEGACY",
        // a concrete type beats a wildcard of the same quality, whatever the order
        "*/*,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList | AGGREGATED_V2",
        // legacy
        "application/json | LEGACY",
        "application/json, */* | LEGACY",
        "application/json;charset=utf-8 | LEGACY",
        "*/* | LEGACY",
        "application/* | LEGACY",
        "'' | LEGACY",
        "text/html,application/xhtml+xml,*/*;q=0.8 | LEGACY",
        // protobuf first, as typed clients ask
        "application/vnd.kubernetes.protobuf,application/json | LEGACY",
        "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
            + " | AGGREGATED_V2",
        // a Table request falls through to plain JSON
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json | LEGACY",
        // nothing we speak
        "application/vnd.kubernetes.protobuf | NONE",
        "application/yaml | NONE",
        "application/json;as=Table;v=v1;g=meta.k8s.io | NONE",
        "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList | NONE",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;x=1 | NONE",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscovery | NONE",
        "text/plain | NONE",
        "garbage | NONE",
        "application/json;q=abc | NONE",
      })
  void picksTheFirstAcceptableRepresentation(String accept, String expected) {
    Optional<DiscoveryFormat> format = DiscoveryFormat.forAccept(accept);

    if (expected.equals("NONE")) {
      assertThat(format).isEmpty();
    } else {
      assertThat(format).contains(DiscoveryFormat.valueOf(expected));
    }
  }

  @ParameterizedTest
  @EnumSource(DiscoveryFormat.class)
  void eachFormatIsChosenByItsOwnContentType(DiscoveryFormat format) {
    assertThat(DiscoveryFormat.forAccept(format.contentType())).contains(format);
  }

  @ParameterizedTest
  @CsvSource({
    "AGGREGATED_V2, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    "AGGREGATED_V2BETA1, application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
    "LEGACY, application/json"
  })
  void answersWithTheExactContentTypeClientGoChecks(DiscoveryFormat format, String contentType) {
    assertThat(format.contentType()).isEqualTo(contentType);
  }
}
