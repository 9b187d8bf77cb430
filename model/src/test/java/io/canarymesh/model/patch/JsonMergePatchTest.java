package io.canarymesh.model.patch;

import static io.canarymesh.model.patch.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

  /** RFC 7386 Appendix A, every row: original | patch | result. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"a":"b"}                | {"a":"c"}                  | {"a":"c"}
          {"a":"b"}                | {"b":"c"}                  | {"a":"b","b":"c"}
          {"a":"b"}                | {"a":null}                 | {}
          {"a":"b","b":"c"}        | {"a":null}                 | {"b":"c"}
          {"a":["b"]}              | {"a":"c"}                  | {"a":"c"}
          {"a":"c"}                | {"a":["b"]}                | {"a":["b"]}
          {"a":{"b":"c"}}          | {"a":{"b":"d","c":null}}   | {"a":{"b":"d"}}
          {"a":[{"b":"c"}]}        | {"a":[1]}                  | {"a":[1]}
          ["a","b"]                | ["c","d"]                  | ["c","d"]
          {"a":"b"}                | ["c"]                      | ["c"]
          {"a":"foo"}              | null                       | null
          {"a":"foo"}              | "bar"                      | "bar"
          {"e":null}               | {"a":1}                    | {"e":null,"a":1}
          [1,2]                    | {"a":"b","c":null}         | {"a":"b"}
          {}                       | {"a":{"bb":{"ccc":null}}}  | {"a":{"bb":{}}}
          """)
  void rfc7386AppendixA(String original, String patch, String result) {
    assertThat(JsonMergePatch.apply(parse(original), parse(patch))).isEqualTo(parse(result));
  }

  @Test
  void rfc7386Section3Example() {
    JsonNode target =
        parse(
            """
            {"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},
             "tags":["example","sample"],"content":"This will be unchanged"}""");
    JsonNode patch =
        parse(
            """
            {"title":"Hello!","phoneNumber":"+01-123-456-7890",
             "author":{"familyName":null},"tags":["example"]}""");

    assertThat(JsonMergePatch.apply(target, patch))
        .isEqualTo(
            parse(
                """
                {"title":"Hello!","author":{"givenName":"John"},"tags":["example"],
                 "content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"""));
  }

  @Test
  void leavesTargetAndPatchUntouched() {
    JsonNode target = parse("{\"a\":{\"b\":1,\"c\":[1]},\"d\":2}");
    JsonNode patch = parse("{\"a\":{\"b\":null,\"e\":{\"f\":1}},\"d\":null}");

    JsonNode result = JsonMergePatch.apply(target, patch);
    ((ObjectNode) result.get("a").get("e")).put("g", 2);

    assertThat(target).isEqualTo(parse("{\"a\":{\"b\":1,\"c\":[1]},\"d\":2}"));
    assertThat(patch).isEqualTo(parse("{\"a\":{\"b\":null,\"e\":{\"f\":1}},\"d\":null}"));
  }

  @Test
  void kubectlScaleSetsReplicasOnTheScaleObject() {
    JsonNode scale =
        parse(
            """
            {"kind":"Scale","apiVersion":"autoscaling/v1",
             "metadata":{"name":"micro-api","namespace":"default","resourceVersion":"1042"},
             "spec":{"replicas":1},
             "status":{"replicas":1,"selector":"app=micro-api"}}""");

    JsonNode scaled = JsonMergePatch.apply(scale, parse("{\"spec\":{\"replicas\":3}}"));

    assertThat(scaled.at("/spec")).isEqualTo(parse("{\"replicas\":3}"));
    assertThat(scaled.at("/status")).isEqualTo(scale.at("/status"));
    assertThat(scaled.at("/metadata")).isEqualTo(scale.at("/metadata"));
  }

  /**
   * {@code kubectl apply} of virtual-service-v2.yaml over virtual-service-all.yaml: a merge patch
   * whose {@code http} list replaces the old one whole (JSON merge patch never merges lists).
   */
  @Test
  void istioApplyShiftsVirtualServiceWeightsByReplacingTheRouteList() {
    JsonNode live =
        parse(
            """
            {"apiVersion":"networking.istio.io/v1alpha3","kind":"VirtualService",
             "metadata":{"name":"micro-api-route","namespace":"default","generation":1},
             "spec":{"hosts":["micro-api.default.svc.cluster.local"],"gateways":["micro-gateway"],
              "http":[{"route":[
               {"destination":{"host":"micro-api.default.svc.cluster.local","subset":"v1"},
                "weight":70},
               {"destination":{"host":"micro-api.default.svc.cluster.local","subset":"v2"},
                "weight":30}]}]}}""");
    JsonNode patch =
        parse(
            """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
             "spec":{"http":[{"route":[
              {"destination":{"host":"micro-api.default.svc.cluster.local","subset":"v1"},
               "weight":0},
              {"destination":{"host":"micro-api.default.svc.cluster.local","subset":"v2"},
               "weight":100}]}]}}""");

    JsonNode applied = JsonMergePatch.apply(live, patch);

    assertThat(applied.at("/spec/http/0/route/0/weight").intValue()).isZero();
    assertThat(applied.at("/spec/http/0/route/1/weight").intValue()).isEqualTo(100);
    assertThat(applied.at("/spec/http")).isEqualTo(patch.at("/spec/http"));
    assertThat(applied.at("/spec/hosts")).isEqualTo(live.at("/spec/hosts"));
    assertThat(applied.at("/spec/gateways")).isEqualTo(live.at("/spec/gateways"));
    assertThat(applied.at("/metadata/name").textValue()).isEqualTo("micro-api-route");
    assertThat(
            applied
                .at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration")
                .textValue())
        .isEqualTo("{}");
  }
}
