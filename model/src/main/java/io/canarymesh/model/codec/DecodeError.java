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
 */
public record DecodeError(
    int document, String field, Optional<SourceLocation> location, String message) {

  public DecodeError {
    requireNonNull(field, "field");
    requireNonNull(location, "location");
    requireNonNull(message, "message");
  }

  /** One line for a user: {@code document 2, line 14, column 7: unknown field "spec.replica"}. */
  public String describe() {
    return "document " + (document + 1) + location.map(l -> ", " + l).orElse("") + ": " + message;
  }
}
