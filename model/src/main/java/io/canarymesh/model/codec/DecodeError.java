package io.canarymesh.model.codec;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why a document could not be decoded.
 *
 * @param document 0-based index of the document in a multi-document stream
 * @param field field path such as {@code spec.replicas}, or {@code ""} for the document itself
 * @param location where in the text, when decoding text
 * @param message Kubernetes-style wording, e.g. {@code unknown field "spec.replica"}
 * @param strictOnly true for an unknown or duplicate field: an error under strict field validation,
 *     a warning under {@code fieldValidation=Warn}, nothing under {@code Ignore}; the object itself
 *     was still decoded
 */
public record DecodeError(
    int document,
    String field,
    Optional<SourceLocation> location,
    String message,
    boolean strictOnly) {

  public DecodeError {
    requireNonNull(field, "field");
    requireNonNull(location, "location");
    requireNonNull(message, "message");
  }

  /** An error that stops the document from decoding at all. */
  public DecodeError(
      int document, String field, Optional<SourceLocation> location, String message) {
    this(document, field, location, message, false);
  }

  /** One line for a user: {@code document 2, line 14, column 7: unknown field "spec.replica"}. */
  public String describe() {
    return "document " + (document + 1) + location.map(l -> ", " + l).orElse("") + ": " + message;
  }
}
