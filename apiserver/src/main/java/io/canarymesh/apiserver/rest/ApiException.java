package io.canarymesh.apiserver.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request the API refuses, carrying the Kubernetes {@code Status} it answers with (KUBE-API.md
 * §I): HTTP code, machine-readable reason, message, and details naming the object and causes.
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final ObjectNode details;

  public ApiException(int code, String reason, String message, ObjectNode details) {
    super(requireNonNull(message, "message"));
    this.code = code;
    this.reason = requireNonNull(reason, "reason");
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** The {@code Status} body. */
  public ObjectNode toStatus() {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", reason);
    if (details != null) {
      status.set("details", details);
    }
    status.put("code", code);
    return status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  public static ApiException notFound(Kind kind, String name) {
    return new ApiException(
        404,
        "NotFound",
        kind.qualifiedPlural() + " \"" + name + "\" not found",
        details(kind, name));
  }

  /** A path the server does not serve at all. */
  public static ApiException notFoundPath() {
    return new ApiException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  public static ApiException methodNotAllowed(String method) {
    return new ApiException(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        null);
  }

  /** 415, listing what this resource accepts. */
  public static ApiException unsupportedMediaType(List<String> accepted) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + String.join(", ", accepted),
        null);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null);
  }

  public static ApiException tooLarge(long limit) {
    return new ApiException(
        413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
  }

  /** 422 with one cause per field error: {@code Deployment.apps "x" is invalid: spec.a: ...}. */
  public static ApiException invalid(Kind kind, String name, List<FieldError> errors) {
    String listed =
        errors.size() == 1
            ? errors.get(0).message()
            : errors.stream().map(FieldError::message).collect(Collectors.joining(", ", "[", "]"));
    ObjectNode details = details(kind, name);
    details.put("kind", kind.kind()); // Invalid names the Kind, NotFound the resource
    ArrayNode causes = details.putArray("causes");
    for (FieldError error : errors) {
      ObjectNode cause = causes.addObject();
      cause.put("reason", error.type().causeReason);
      cause.put("message", error.errorBody());
      cause.put("field", error.field().toString());
    }
    String qualifiedKind = kind.group().isEmpty() ? kind.kind() : kind.kind() + "." + kind.group();
    return new ApiException(
        422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + listed, details);
  }

  static ObjectNode details(Kind kind, String name) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (name != null) {
      details.put("name", name);
    }
    details.put("group", kind.group());
    details.put("kind", kind.plural());
    return details;
  }
}
