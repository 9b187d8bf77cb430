package io.canarymesh.model.codec;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.Kind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * One resource decoded from a manifest.
 *
 * @param document 0-based index of its document in the stream
 * @param kind what it is
 * @param object the typed object (fabric8's class for the kind), exclusively the caller's
 * @param location where it starts in the text, when decoded from text
 */
public record DecodedResource(
    int document, Kind kind, HasMetadata object, Optional<SourceLocation> location) {
  public DecodedResource {
    requireNonNull(kind, "kind");
    requireNonNull(object, "object");
    requireNonNull(location, "location");
  }
}
