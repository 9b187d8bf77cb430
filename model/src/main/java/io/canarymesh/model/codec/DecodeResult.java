package io.canarymesh.model.codec;

import java.util.List;

/**
 * Everything decoded from one stream, and every error found. Callers that must be atomic (apply,
 * the API server) act only when {@link #errors()} is empty.
 */
public record DecodeResult(List<DecodedResource> resources, List<DecodeError> errors) {
  public DecodeResult {
    resources = List.copyOf(resources);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
