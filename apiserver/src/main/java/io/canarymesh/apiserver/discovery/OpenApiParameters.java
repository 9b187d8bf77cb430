package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters the OpenAPI v3 stubs declare, per operation. Inlined, never {@code $ref}'d: the
 * only reader that matters (cli-runtime's query-param verifier) looks for {@code fieldValidation}
 * among the parameters of the PATCH operation itself, not among the path's shared ones.
 */
final class OpenApiParameters {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiParameters() {}

  static ObjectNode name() {
    return pathParameter("name", "Name of the object.");
  }

  static ObjectNode namespace() {
    return pathParameter("namespace", "Namespace of the object.");
  }

  static ObjectNode pretty() {
    return query("pretty", "string", "If 'true', the JSON response is indented.");
  }

  /** POST and PUT. */
  static List<ObjectNode> write() {
    return List.of(dryRun(), fieldManager(), fieldValidation());
  }

  /** PATCH: what kubectl checks before it sends {@code fieldValidation=Strict}. */
  static List<ObjectNode> patch() {
    return List.of(
        dryRun(),
        fieldManager(),
        fieldValidation(),
        query("force", "boolean", "Apply patches only: take over fields owned by other managers."));
  }

  /** GET on a collection, which is also how a watch starts. */
  static List<ObjectNode> list() {
    return List.of(
        query("allowWatchBookmarks", "boolean", "Watch only: send BOOKMARK events."),
        query("continue", "string", "The continue token of the previous page."),
        fieldSelector(),
        labelSelector(),
        query("limit", "integer", "The maximum number of items in one page."),
        query("resourceVersion", "string", "List as of, or watch from, this resource version."),
        query(
            "resourceVersionMatch",
            "string",
            "How resourceVersion applies: Exact or NotOlderThan."),
        query("sendInitialEvents", "boolean", "Watch only: start with the current state."),
        query("timeoutSeconds", "integer", "End the list or watch after this many seconds."),
        query("watch", "boolean", "Stream changes instead of listing."));
  }

  static List<ObjectNode> delete() {
    return List.of(
        dryRun(),
        query("gracePeriodSeconds", "integer", "Seconds before the object is deleted."),
        query(
            "propagationPolicy",
            "string",
            "What happens to dependents: Orphan, Background or Foreground."));
  }

  static List<ObjectNode> deleteCollection() {
    List<ObjectNode> parameters = new ArrayList<>(delete());
    parameters.add(fieldSelector());
    parameters.add(labelSelector());
    return parameters;
  }

  /** GET {@code pods/{name}/log}. */
  static List<ObjectNode> log() {
    return List.of(
        query("container", "string", "The container whose log to read."),
        query("follow", "boolean", "Keep streaming the log as it grows."),
        query("limitBytes", "integer", "Stop after this many bytes."),
        query("previous", "boolean", "Read the log of the previous, terminated container."),
        query("sinceSeconds", "integer", "Only lines newer than this many seconds."),
        query("tailLines", "integer", "Only this many lines from the end."),
        query("timestamps", "boolean", "Prefix every line with its RFC 3339 timestamp."));
  }

  private static ObjectNode fieldValidation() {
    return query(
        "fieldValidation",
        "string",
        "How to treat unknown or duplicate fields in the body: Strict rejects the request, Warn"
            + " accepts it with Warning headers, Ignore drops them silently.");
  }

  private static ObjectNode dryRun() {
    return query("dryRun", "string", "'All': check the request but persist nothing.");
  }

  private static ObjectNode fieldManager() {
    return query("fieldManager", "string", "Name of the actor making the change.");
  }

  private static ObjectNode labelSelector() {
    return query("labelSelector", "string", "Only objects whose labels match.");
  }

  private static ObjectNode fieldSelector() {
    return query("fieldSelector", "string", "Only objects whose fields match.");
  }

  private static ObjectNode pathParameter(String name, String description) {
    ObjectNode parameter = parameter(name, "path", "string", description);
    parameter.put("required", true);
    return parameter;
  }

  private static ObjectNode query(String name, String type, String description) {
    return parameter(name, "query", type, description);
  }

  private static ObjectNode parameter(String name, String in, String type, String description) {
    ObjectNode parameter = JSON.objectNode();
    parameter.put("name", name);
    parameter.put("in", in);
    parameter.put("description", description);
    parameter.putObject("schema").put("type", type);
    return parameter;
  }
}
