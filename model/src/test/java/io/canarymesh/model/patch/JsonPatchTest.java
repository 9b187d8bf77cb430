package io.canarymesh.model.patch;

import static io.canarymesh.model.patch.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchTest {

  /** RFC 6902 Appendix A, the examples that succeed: document | patch | result. */
  @ParameterizedTest(name = "A.{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1  | {"foo":"bar"} | [{"op":"add","path":"/baz","value":"qux"}] \
             | {"baz":"qux","foo":"bar"}
          2  | {"foo":["bar","baz"]} | [{"op":"add","path":"/foo/1","value":"qux"}] \
             | {"foo":["bar","qux","baz"]}
          3  | {"baz":"qux","foo":"bar"} | [{"op":"remove","path":"/baz"}] | {"foo":"bar"}
          4  | {"foo":["bar","qux","baz"]} | [{"op":"remove","path":"/foo/1"}] \
             | {"foo":["bar","baz"]}
          5  | {"baz":"qux","foo":"bar"} | [{"op":"replace","path":"/baz","value":"boo"}] \
             | {"baz":"boo","foo":"bar"}
          6  | {"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}} \
             | [{"op":"move","from":"/foo/waldo","path":"/qux/thud"}] \
             | {"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}
          7  | {"foo":["all","grass","cows","eat"]} | [{"op":"move","from":"/foo/1","path":"/foo/3"}] \
             | {"foo":["all","cows","eat","grass"]}
          8  | {"baz":"qux","foo":["a",2,"c"]} \
             | [{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}] \
             | {"baz":"qux","foo":["a",2,"c"]}
          10 | {"foo":"bar"} | [{"op":"add","path":"/child","value":{"grandchild":{}}}] \
             | {"foo":"bar","child":{"grandchild":{}}}
          11 | {"foo":"bar"} | [{"op":"add","path":"/baz","value":"qux","xyz":123}] \
             | {"foo":"bar","baz":"qux"}
          14 | {"/":9,"~1":10} | [{"op":"test","path":"/~01","value":10}] | {"/":9,"~1":10}
          16 | {"foo":["bar"]} | [{"op":"add","path":"/foo/-","value":["abc","def"]}] \
             | {"foo":["bar",["abc","def"]]}
          """)
  void rfc6902AppendixA(String example, String document, String patch, String result) {
    assertThat(JsonPatch.apply(parse(document), parse(patch))).isEqualTo(parse(result));
  }

  /**
   * RFC 6902 Appendix A examples that must fail (9, 12, 13, 15; 13's duplicate "op" parses
   * last-wins, so it is a remove of a missing member), then our own error rules.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          A.9  | {"baz":"qux"} | [{"op":"test","path":"/baz","value":"bar"}] \
               | json patch: test failed at "/baz"
          A.12 | {"foo":"bar"} | [{"op":"add","path":"/baz/bat","value":"qux"}] \
               | json patch: path "/baz/bat" does not exist
          A.13 | {"foo":"bar"} | [{"op":"add","path":"/baz","value":"qux","op":"remove"}] \
               | json patch: path "/baz" does not exist
          A.15 | {"/":9,"~1":10} | [{"op":"test","path":"/~01","value":"10"}] \
               | json patch: test failed at "/~01"
          replace of a missing member | {"spec":{}} | [{"op":"replace","path":"/spec/foo","value":1}] \
               | json patch: path "/spec/foo" does not exist
          remove past the end of an array | {"spec":{"foo":[]}} | [{"op":"remove","path":"/spec/foo/0"}] \
               | json patch: path "/spec/foo/0" does not exist
          walk through a scalar | {"spec":{"replicas":3}} | [{"op":"add","path":"/spec/replicas/x","value":1}] \
               | json patch: path "/spec/replicas/x" does not exist
          add past the end of an array | {"a":[1]} | [{"op":"add","path":"/a/2","value":1}] \
               | json patch: index 2 out of bounds at "/a/2"
          index with a leading zero | {"a":[1,2]} | [{"op":"remove","path":"/a/01"}] \
               | json patch: invalid array index "01" in path "/a/01"
          append marker outside add | {"a":[1]} | [{"op":"remove","path":"/a/-"}] \
               | json patch: invalid array index "-" in path "/a/-"
          non-numeric index | {"a":[1]} | [{"op":"replace","path":"/a/x","value":1}] \
               | json patch: invalid array index "x" in path "/a/x"
          pointer without leading slash | {} | [{"op":"add","path":"a","value":1}] \
               | json patch: invalid path "a": must be empty or start with "/"
          bad escape | {} | [{"op":"add","path":"/a~2","value":1}] \
               | json patch: invalid path "/a~2": "~" must be followed by 0 or 1
          move into own child | {"a":{"b":{}}} | [{"op":"move","from":"/a","path":"/a/b/c"}] \
               | json patch: cannot move "/a" into its own child "/a/b/c"
          move from a missing member | {} | [{"op":"move","from":"/a","path":"/b"}] \
               | json patch: path "/a" does not exist
          copy from a missing member | {} | [{"op":"copy","from":"/a","path":"/b"}] \
               | json patch: path "/a" does not exist
          remove the whole document | {} | [{"op":"remove","path":""}] \
               | json patch: cannot remove the whole document
          unknown op | {} | [{"op":"add","path":"/a","value":1},{"op":"bogus","path":"/a"}] \
               | json patch: operation 1 has unknown op "bogus"
          missing op | {} | [{"path":"/a"}] | json patch: operation 0 lacks a string "op"
          missing path | {} | [{"op":"remove"}] | json patch: operation 0 lacks a string "path"
          missing value | {} | [{"op":"add","path":"/a"}] | json patch: operation 0 lacks "value"
          missing from | {} | [{"op":"copy","path":"/a"}] | json patch: operation 0 lacks a string "from"
          operation not an object | {} | [1] | json patch: operation 0 is not an object
          patch not an array | {} | {"op":"add"} | json patch: the patch must be a JSON array of operations
          """)
  void rejects(String rule, String document, String patch, String message) {
    assertThatThrownBy(() -> JsonPatch.apply(parse(document), parse(patch)))
        .isInstanceOf(PatchException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          add replaces an existing member | {"a":1} | [{"op":"add","path":"/a","value":2}] | {"a":2}
          add at the root replaces the document | {"a":1} | [{"op":"add","path":"","value":[1]}] | [1]
          replace at the root | {"a":1} | [{"op":"replace","path":"","value":{"b":2}}] | {"b":2}
          add a null value | {} | [{"op":"add","path":"/a","value":null}] | {"a":null}
          add at index 0 | {"a":[1]} | [{"op":"add","path":"/a/0","value":0}] | {"a":[0,1]}
          add at the end by index | {"a":[1]} | [{"op":"add","path":"/a/1","value":2}] | {"a":[1,2]}
          replace an array element | {"a":[1,2]} | [{"op":"replace","path":"/a/1","value":3}] | {"a":[1,3]}
          copy a subtree | {"a":{"b":[1]}} | [{"op":"copy","from":"/a","path":"/c"}] \
            | {"a":{"b":[1]},"c":{"b":[1]}}
          move onto itself | {"a":1} | [{"op":"move","from":"/a","path":"/a"}] | {"a":1}
          member names with escapes | {} | [{"op":"add","path":"/a~1b~0c","value":1}] | {"a/b~c":1}
          empty member name | {"":{}} | [{"op":"add","path":"//x","value":1}] | {"":{"x":1}}
          test numbers by value | {"a":1} | [{"op":"test","path":"/a","value":1.0}] | {"a":1}
          test objects ignoring member order | {"a":{"x":1,"y":[2]}} \
            | [{"op":"test","path":"/a","value":{"y":[2],"x":1}}] | {"a":{"x":1,"y":[2]}}
          operations see earlier ones | {} \
            | [{"op":"add","path":"/a","value":{}},{"op":"add","path":"/a/b","value":1}] | {"a":{"b":1}}
          """)
  void applies(String rule, String document, String patch, String result) {
    assertThat(JsonPatch.apply(parse(document), parse(patch))).isEqualTo(parse(result));
  }

  @Test
  void aFailingOperationLeavesNothingApplied() {
    JsonNode target = parse("{\"spec\":{\"replicas\":1}}");
    JsonNode patch =
        parse(
            """
            [{"op":"replace","path":"/spec/replicas","value":5},
             {"op":"add","path":"/metadata/labels","value":{}},
             {"op":"test","path":"/spec/replicas","value":1}]""");

    assertThatThrownBy(() -> JsonPatch.apply(target, patch))
        .isInstanceOf(PatchException.class)
        .hasMessage("json patch: path \"/metadata/labels\" does not exist");
    assertThat(target).isEqualTo(parse("{\"spec\":{\"replicas\":1}}"));
  }

  @Test
  void testOperationFailureNamesThePath() {
    JsonNode target = parse("{\"spec\":{\"replicas\":1}}");
    JsonNode patch =
        parse(
            """
            [{"op":"replace","path":"/spec/replicas","value":5},
             {"op":"test","path":"/spec/replicas","value":1}]""");

    assertThatThrownBy(() -> JsonPatch.apply(target, patch))
        .isInstanceOf(PatchException.class)
        .hasMessage("json patch: test failed at \"/spec/replicas\"");
    assertThat(target).isEqualTo(parse("{\"spec\":{\"replicas\":1}}"));
  }

  @Test
  void addedValuesAreCopiesNotSharedWithThePatch() {
    JsonNode patch = parse("[{\"op\":\"add\",\"path\":\"/a\",\"value\":{\"b\":1}}]");

    JsonNode result = JsonPatch.apply(parse("{}"), patch);
    ((ObjectNode) result.get("a")).put("b", 2);

    assertThat(patch).isEqualTo(parse("[{\"op\":\"add\",\"path\":\"/a\",\"value\":{\"b\":1}}]"));
  }

  /**
   * {@code kubectl rollout undo}: the template of the previous revision's ReplicaSet (hash label
   * removed, {@code creationTimestamp: null}) and the Deployment's annotations, both replaced.
   */
  @Test
  void rolloutUndoReplacesTemplateAndAnnotations() {
    ObjectNode live = (ObjectNode) Json.resource("micro-api-deployment.json");
    ObjectNode liveTemplate = (ObjectNode) live.at("/spec/template");
    ((ObjectNode) liveTemplate.at("/metadata/labels")).put("track", "canary");
    ((ObjectNode) liveTemplate.at("/spec/containers/0"))
        .put("image", "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT");
    ((ObjectNode) live.at("/metadata/annotations")).put("deployment.kubernetes.io/revision", "2");
    JsonNode undo =
        parse(
            """
            [{"op":"replace","path":"/spec/template","value":{
               "metadata":{"creationTimestamp":null,"labels":{"app":"micro-api"}},
               "spec":{"containers":[{"image":"registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0-SNAPSHOT",
                 "imagePullPolicy":"Always","name":"micro-api",
                 "ports":[{"containerPort":19090,"name":"http","protocol":"TCP"}],
                 "resources":{},"terminationMessagePath":"/dev/termination-log",
                 "terminationMessagePolicy":"File","tty":true}],
                "dnsPolicy":"ClusterFirst","imagePullSecrets":[{"name":"regcred"}],
                "restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},
                "terminationGracePeriodSeconds":30}}},
             {"op":"replace","path":"/metadata/annotations","value":{
               "deployment.kubernetes.io/revision":"2",
               "kubectl.kubernetes.io/last-applied-configuration":"{}\\n"}}]""");

    JsonNode rolledBack = JsonPatch.apply(live, undo);

    assertThat(rolledBack.at("/spec/template")).isEqualTo(undo.at("/0/value"));
    assertThat(rolledBack.at("/spec/template/spec/containers/0/image").textValue())
        .endsWith("micro-api:1.0-SNAPSHOT");
    assertThat(rolledBack.at("/spec/template/metadata/labels"))
        .isEqualTo(parse("{\"app\":\"micro-api\"}"));
    assertThat(rolledBack.at("/metadata/annotations")).isEqualTo(undo.at("/1/value"));
    assertThat(rolledBack.at("/spec/replicas")).isEqualTo(live.at("/spec/replicas"));
    assertThat(rolledBack.at("/status")).isEqualTo(live.at("/status"));
    assertThat(live.at("/spec/template/metadata/labels/track").textValue()).isEqualTo("canary");
  }
}
