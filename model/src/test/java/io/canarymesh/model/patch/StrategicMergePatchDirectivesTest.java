package io.canarymesh.model.patch;

import static io.canarymesh.model.patch.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule and directive of strategic merge patch, on a small made-up schema. */
class StrategicMergePatchDirectivesTest {
  private static final PatchSchema SCHEMA =
      PatchSchema.builder()
          .mergeKey("items", "name")
          .mergeKey("items.ports", "port")
          .mergeKey("volumes", "name")
          .retainKeys("volumes")
          .mergeSet("finalizers")
          .retainKeys("strategy")
          .build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          maps merge per key | {"a":{"x":1,"y":2}} | {"a":{"y":3,"z":4}} | {"a":{"x":1,"y":3,"z":4}}
          null deletes | {"a":1,"b":2} | {"a":null} | {"b":2}
          null for an absent field does nothing | {"b":2} | {"a":null} | {"b":2}
          null deletes a whole map | {"a":{"x":1},"b":2} | {"a":null} | {"b":2}
          scalars replace | {"a":1} | {"a":"x"} | {"a":"x"}
          a map replaces a scalar | {"a":1} | {"a":{"b":1}} | {"a":{"b":1}}
          a scalar replaces a map | {"a":{"b":1}} | {"a":"s"} | {"a":"s"}
          lists without a strategy are replaced | {"args":["a","b"]} | {"args":["c"]} | {"args":["c"]}
          lists of maps without a merge key are replaced | {"tolerations":[{"key":"a"},{"key":"b"}]} \
            | {"tolerations":[{"key":"b","effect":"NoSchedule"}]} \
            | {"tolerations":[{"key":"b","effect":"NoSchedule"}]}
          new fields drop their nulls | {} | {"a":{"b":null,"c":1}} | {"a":{"c":1}}
          keyed items merge by key | {"items":[{"name":"a","v":1,"w":1},{"name":"b","v":1}]} \
            | {"items":[{"name":"a","v":2}]} | {"items":[{"name":"a","v":2,"w":1},{"name":"b","v":1}]}
          keyed items take null deletes | {"items":[{"name":"a","v":1,"w":1}]} \
            | {"items":[{"name":"a","w":null}]} | {"items":[{"name":"a","v":1}]}
          new keyed items are appended | {"items":[{"name":"a"},{"name":"b"}]} \
            | {"items":[{"name":"c"},{"name":"a","v":1}]} \
            | {"items":[{"name":"a","v":1},{"name":"b"},{"name":"c"}]}
          nested keyed lists merge | {"items":[{"name":"a","ports":[{"port":80,"protocol":"TCP"}]}]} \
            | {"items":[{"name":"a","ports":[{"port":80,"name":"http"},{"port":81}]}]} \
            | {"items":[{"name":"a","ports":[{"port":80,"protocol":"TCP","name":"http"},{"port":81}]}]}
          merge keys compare numbers by value | {"items":[{"name":"a","ports":[{"port":80}]}]} \
            | {"items":[{"name":"a","ports":[{"port":80.0,"x":1}]}]} \
            | {"items":[{"name":"a","ports":[{"port":80.0,"x":1}]}]}
          $patch delete removes a list item | {"items":[{"name":"a"},{"name":"b"},{"name":"c"}]} \
            | {"items":[{"name":"b","$patch":"delete"}]} | {"items":[{"name":"a"},{"name":"c"}]}
          $patch delete of an absent item does nothing | {"items":[{"name":"a"}]} \
            | {"items":[{"name":"z","$patch":"delete"}]} | {"items":[{"name":"a"}]}
          $patch replace makes a list exactly the other items | {"items":[{"name":"a","v":1},{"name":"b"}]} \
            | {"items":[{"$patch":"replace"},{"name":"a"},{"name":"c"}]} \
            | {"items":[{"name":"a"},{"name":"c"}]}
          $patch merge on a list item is the default | {"items":[{"name":"a","v":1}]} \
            | {"items":[{"name":"a","$patch":"merge","w":2}]} | {"items":[{"name":"a","v":1,"w":2}]}
          $patch replace on a map | {"a":{"x":1,"y":2}} | {"a":{"$patch":"replace","z":3}} | {"a":{"z":3}}
          $patch replace on a map cleans its nulls | {"a":{"x":1}} \
            | {"a":{"$patch":"replace","z":3,"x":null}} | {"a":{"z":3}}
          $patch delete on a map empties it | {"a":{"x":1},"b":1} | {"a":{"$patch":"delete"}} \
            | {"a":{},"b":1}
          $patch merge on a map is the default | {"a":{"x":1}} | {"a":{"$patch":"merge","y":2}} \
            | {"a":{"x":1,"y":2}}
          $patch replace at the root | {"a":1,"b":{"c":1}} | {"$patch":"replace","b":{"d":2}} \
            | {"b":{"d":2}}
          $patch directives are processed in new fields too | {} \
            | {"items":[{"name":"a"},{"name":"b","$patch":"delete"}],"m":{"$patch":"replace","x":1}} \
            | {"items":[{"name":"a"}],"m":{"x":1}}
          $retainKeys clears unlisted fields | {"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}} \
            | {"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}} \
            | {"strategy":{"type":"Recreate"}}
          $retainKeys keeps listed fields it does not set | {"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}} \
            | {"strategy":{"$retainKeys":["type","rollingUpdate"],"rollingUpdate":{"maxSurge":2}}} \
            | {"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":2}}}
          $retainKeys on list items | {"volumes":[{"name":"v","emptyDir":{}},{"name":"w","emptyDir":{}}]} \
            | {"volumes":[{"name":"v","$retainKeys":["name","configMap"],"configMap":{"name":"c"}}]} \
            | {"volumes":[{"name":"v","configMap":{"name":"c"}},{"name":"w","emptyDir":{}}]}
          $setElementOrder reorders a list | {"items":[{"name":"a"},{"name":"b"},{"name":"c"}]} \
            | {"$setElementOrder/items":[{"name":"c"},{"name":"a"},{"name":"b"}]} \
            | {"items":[{"name":"c"},{"name":"a"},{"name":"b"}]}
          $setElementOrder places new items | {"items":[{"name":"a"},{"name":"b"}]} \
            | {"$setElementOrder/items":[{"name":"a"},{"name":"c"},{"name":"b"}],"items":[{"name":"c"}]} \
            | {"items":[{"name":"a"},{"name":"c"},{"name":"b"}]}
          $setElementOrder keeps server-only items in place | {"items":[{"name":"x"},{"name":"a"},{"name":"b"}]} \
            | {"$setElementOrder/items":[{"name":"b"},{"name":"a"}],"items":[{"name":"b","v":2}]} \
            | {"items":[{"name":"x"},{"name":"b","v":2},{"name":"a"}]}
          $setElementOrder with a deleted item | {"items":[{"name":"a"},{"name":"b"}]} \
            | {"$setElementOrder/items":[{"name":"a"}],"items":[{"name":"b","$patch":"delete"}]} \
            | {"items":[{"name":"a"}]}
          $setElementOrder for a new list | {} \
            | {"$setElementOrder/items":[{"name":"b"},{"name":"a"}],"items":[{"name":"b"},{"name":"a"}]} \
            | {"items":[{"name":"b"},{"name":"a"}]}
          $setElementOrder yields to a null list | {"items":[{"name":"a"}],"b":1} \
            | {"$setElementOrder/items":[],"items":null} | {"b":1}
          $setElementOrder without a list anywhere does nothing | {"b":1} \
            | {"$setElementOrder/items":[{"name":"a"}]} | {"b":1}
          $setElementOrder on a primitive set | {"finalizers":["x","y"]} \
            | {"$setElementOrder/finalizers":["y","x","z"],"finalizers":["z"]} \
            | {"finalizers":["y","x","z"]}
          primitive sets merge as a union | {"finalizers":["a","b"]} | {"finalizers":["b","c"]} \
            | {"finalizers":["a","b","c"]}
          $deleteFromPrimitiveList removes values | {"finalizers":["a","b","c"]} \
            | {"$deleteFromPrimitiveList/finalizers":["b","z"]} | {"finalizers":["a","c"]}
          $deleteFromPrimitiveList with additions | {"finalizers":["a","b"]} \
            | {"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c"]} | {"finalizers":["b","c"]}
          $deleteFromPrimitiveList of an absent list does nothing | {"b":1} \
            | {"$deleteFromPrimitiveList/finalizers":["a"]} | {"b":1}
          """)
  void merges(String rule, String original, String patch, String result) {
    assertThat(StrategicMergePatch.apply(parse(original), parse(patch), SCHEMA))
        .isEqualTo(parse(result));
  }

  @Test
  void orderOfMergedListsIsExact() {
    JsonNode result =
        StrategicMergePatch.apply(
            parse("{\"items\":[{\"name\":\"x\"},{\"name\":\"a\"},{\"name\":\"b\"}]}"),
            parse("{\"$setElementOrder/items\":[{\"name\":\"b\"},{\"name\":\"a\"}]}"),
            SCHEMA);

    // isEqualTo on arrays is order-sensitive; spell it out anyway.
    assertThat(result.get("items").findValuesAsText("name")).containsExactly("x", "b", "a");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          keyed item without its merge key | {"items":[]} | {"items":[{"name":"a"},{"v":1}]} \
            | strategic merge patch: list "items" item 1 lacks its merge key "name"
          deleted item without its merge key | {"items":[]} | {"items":[{"$patch":"delete"}]} \
            | strategic merge patch: list "items" item 0 lacks its merge key "name"
          nested keyed item without its key | {"items":[{"name":"a"}]} \
            | {"items":[{"name":"a","ports":[{"protocol":"TCP"}]}]} \
            | strategic merge patch: list "items.ports" item 0 lacks its merge key "port"
          keyed item that is not a map | {} | {"items":["a"]} \
            | strategic merge patch: list "items" item 0 is not a map
          invalid $patch on a map | {"a":{}} | {"a":{"$patch":"bogus"}} \
            | strategic merge patch: invalid $patch directive "bogus" in map "a"
          invalid $patch at the root | {} | {"$patch":"bogus"} \
            | strategic merge patch: invalid $patch directive "bogus" in the root map
          non-string $patch | {} | {"a":{"$patch":1}} \
            | strategic merge patch: invalid $patch directive 1 in map "a"
          invalid $patch on a list item | {} | {"items":[{"name":"a","$patch":"bogus"}]} \
            | strategic merge patch: invalid $patch directive "bogus" in list "items" item 0
          primitive set with a map item | {} | {"finalizers":[{"a":1}]} \
            | strategic merge patch: list "finalizers" is a set of primitives but item 0 is not a primitive
          field not listed in $retainKeys | {"strategy":{}} \
            | {"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}} \
            | strategic merge patch: field "rollingUpdate" in map "strategy" is not listed in $retainKeys
          $retainKeys not a list | {"strategy":{}} | {"strategy":{"$retainKeys":"type"}} \
            | strategic merge patch: $retainKeys in map "strategy" must be a list of field names
          $retainKeys with a non-string | {"strategy":{}} | {"strategy":{"$retainKeys":[1]}} \
            | strategic merge patch: $retainKeys in map "strategy" must be a list of field names
          $setElementOrder not a list | {"items":[]} | {"$setElementOrder/items":{}} \
            | strategic merge patch: $setElementOrder/items in the root map must be a list
          $setElementOrder naming no list | {} | {"$setElementOrder/":[]} \
            | strategic merge patch: $setElementOrder/ in the root map names no list
          $setElementOrder item without the merge key | {"items":[{"name":"a"}]} \
            | {"$setElementOrder/items":[{"v":1}]} \
            | strategic merge patch: $setElementOrder/items item 0 lacks the merge key "name"
          patch items out of $setElementOrder's order | {} \
            | {"$setElementOrder/items":[{"name":"a"},{"name":"b"}],"items":[{"name":"b"},{"name":"a"}]} \
            | strategic merge patch: list "items" item 1 is missing from, or out of order in, $setElementOrder/items
          patch item missing from $setElementOrder | {} \
            | {"$setElementOrder/items":[{"name":"a"}],"items":[{"name":"c"}]} \
            | strategic merge patch: list "items" item 0 is missing from, or out of order in, $setElementOrder/items
          ordered field that is not a list | {} | {"$setElementOrder/items":[],"items":5} \
            | strategic merge patch: items in the root map must be a list
          $deleteFromPrimitiveList on a replaced list | {"args":["a"]} \
            | {"$deleteFromPrimitiveList/args":["a"]} \
            | strategic merge patch: $deleteFromPrimitiveList/args in the root map names a list that is not a merged list of primitives
          $deleteFromPrimitiveList not a list | {"finalizers":["a"]} \
            | {"$deleteFromPrimitiveList/finalizers":"a"} \
            | strategic merge patch: $deleteFromPrimitiveList/finalizers in the root map must be a list
          patch that is not an object | {} | [] | strategic merge patch: the patch must be a JSON object
          original that is not an object | [] | {} \
            | strategic merge patch: the original object must be a JSON object
          """)
  void rejects(String rule, String original, String patch, String message) {
    assertThatThrownBy(() -> StrategicMergePatch.apply(parse(original), parse(patch), SCHEMA))
        .isInstanceOf(PatchException.class)
        .hasMessage(message);
  }
}
