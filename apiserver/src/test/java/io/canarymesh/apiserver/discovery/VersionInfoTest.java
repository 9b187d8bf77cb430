package io.canarymesh.apiserver.discovery;

import static io.canarymesh.apiserver.discovery.Documents.STANDARD;
import static io.canarymesh.apiserver.discovery.Documents.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionInfoTest {

  @Test
  void reportsKubernetes132WithTheNineFieldsOfVersionInfoInOrder() {
    assertThat(text(STANDARD.version()))
        .isEqualTo(
            "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.4-canarymesh\","
                + "\"gitCommit\":\"0000000000000000000000000000000000000000\","
                + "\"gitTreeState\":\"clean\",\"buildDate\":\"2025-04-22T00:00:00Z\","
                + "\"goVersion\":\"go1.23.8\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}");
    assertThat(STANDARD.version().contentType()).isEqualTo("application/json");
  }
}
