package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.apiserver.table.TableBuilder;
import io.canarymesh.model.Kind;
import java.time.Instant;
import java.util.List;

/** How stored objects are shown: at the version asked for, in lists, or as server-side Tables. */
final class ObjectViews {
  private ObjectViews() {}

  /**
   * The stored object as answered at {@code path}'s version. Istio kinds are stored once and served
   * at v1alpha3, v1beta1 and v1: only {@code apiVersion} differs.
   */
  static ObjectNode view(ApiPath path, ObjectNode stored) {
    ObjectNode view = stored.deepCopy();
    ObjectNode ordered = JsonNodeFactory.instance.objectNode();
    ordered.put("apiVersion", path.apiVersion());
    ordered.put("kind", path.kind().kind());
    view.remove("apiVersion");
    view.remove("kind");
    ordered.setAll(view);
    return ordered;
  }

  static ObjectNode list(ApiPath path, List<ObjectNode> items, long revision) {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("kind", path.kind().kind() + "List");
    list.put("apiVersion", path.apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(revision));
    var array = list.putArray("items");
    items.forEach(item -> array.add(view(path, item)));
    return list;
  }

  static ObjectNode table(Kind kind, List<? extends JsonNode> objects, long revision, Instant now) {
    return TableBuilder.table(kind, List.copyOf(objects), Long.toString(revision), now);
  }
}
