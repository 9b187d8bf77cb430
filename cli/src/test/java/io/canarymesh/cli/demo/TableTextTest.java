package io.canarymesh.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TableTextTest {
  private static final String TABLE =
      """
      {"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":[
        {"name":"Name","type":"string","priority":0},
        {"name":"Ready","type":"string","priority":0},
        {"name":"IP","type":"string","priority":1},
        {"name":"Gateways","type":"array","priority":0}],
       "rows":[
        {"cells":["micro-api-6b4b8b44b8-2qjtz","1/1","127.244.0.3",["micro-gateway"]],
         "object":{"metadata":{"labels":{"pod-template-hash":"6b4b8b44b8","app":"micro-api"}}}},
        {"cells":["b","0/1",null,[]],"object":{"metadata":{}}}]}
      """;

  @Test
  void printsTheServersColumnsAsKubectlDoes() throws Exception {
    String text = TableText.render(new ObjectMapper().readTree(TABLE), false, false);
    assertThat(text)
        .isEqualTo(
            """
            NAME                         READY   GATEWAYS
            micro-api-6b4b8b44b8-2qjtz   1/1     ["micro-gateway"]
            b                            0/1     []
            """);
  }

  @Test
  void wideAddsLowPriorityColumnsAndShowLabelsSortsLabels() throws Exception {
    String text = TableText.render(new ObjectMapper().readTree(TABLE), true, true);
    assertThat(text.lines().toList())
        .containsExactly(
            "NAME                         READY   IP            GATEWAYS            LABELS",
            "micro-api-6b4b8b44b8-2qjtz   1/1     127.244.0.3   [\"micro-gateway\"]   app=micro-api,pod-template-hash=6b4b8b44b8",
            "b                            0/1     <none>        []                  <none>");
  }

  @Test
  void anEmptyTableSaysSo() throws Exception {
    String empty = "{\"columnDefinitions\":[{\"name\":\"Name\",\"priority\":0}],\"rows\":[]}";
    assertThat(TableText.render(new ObjectMapper().readTree(empty), false, false))
        .isEqualTo("No resources found in default namespace.\n");
  }
}
