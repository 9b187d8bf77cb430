package io.canarymesh.model.codec;

import java.util.List;

/**
 * Everything decoded from one stream, and every error found. Callers that must be atomic (apply,
 * the API server) act only when {@link #errors()} is empty — or, when unknown fields are tolerated
 * ({@code fieldValidation=Warn|Ignore}), when {@link #fatalErrors()} is.
 */
public record DecodeResult(List<DecodedResource> resources, List<DecodeError> errors) {
  public DecodeResult {
    resources = List.copyOf(resources);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** The errors that left a document undecoded (not the unknown or duplicate fields). */
  public List<DecodeError> fatalErrors() {
    return errors.stream().filter(e -> !e.strictOnly()).toList();
  }

  /** The unknown and duplicate fields: errors only under strict field validation. */
  public List<DecodeError> strictErrors() {
    return errors.stream().filter(DecodeError::strictOnly).toList();
  }
}
