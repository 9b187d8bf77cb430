package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.canarymesh.model.defaults.Defaults;
import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.ObjectValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The admission chain every write goes through: decode strictly → default → validate, collecting
 * every error; a request that fails any step changes nothing (KUBE-API.md §I).
 */
final class Admission {
  private final ManifestDecoder decoder;

  Admission(ManifestDecoder decoder) {
    this.decoder = decoder;
  }

  /**
   * Decodes a request body for {@code path}'s kind. Unknown or duplicate fields fail the request
   * under {@link FieldValidation#STRICT}, become warnings under {@code WARN}.
   *
   * @param warnings receives the warnings to send back
   */
  HasMetadata decode(ApiPath path, JsonNode body, FieldValidation mode, List<String> warnings) {
    Kind kind = path.kind();
    if (!body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    DecodeResult result = decoder.decodeTree(body);
    String decodesAs =
        kind.kind()
            + " in version \""
            + path.version()
            + "\" cannot be handled as a "
            + kind.kind();
    if (!result.fatalErrors().isEmpty()) {
      throw ApiException.badRequest(decodesAs + ": " + join(result.fatalErrors()));
    }
    DecodedResource decoded = result.resources().get(0);
    if (!decoded.kind().equals(kind)) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + body.path("apiVersion").asText()
              + ") does not match the expected API version ("
              + path.apiVersion()
              + ")");
    }
    List<DecodeError> unknown = result.strictErrors();
    if (!unknown.isEmpty()) {
      switch (mode) {
        case STRICT ->
            throw ApiException.badRequest(decodesAs + ": strict decoding error: " + join(unknown));
        case WARN -> unknown.forEach(e -> warnings.add(e.message()));
        case IGNORE -> {}
      }
    }
    return decoded.object();
  }

  /** Defaults then validates a new object; throws 422 with every error. */
  void admitCreate(Kind kind, HasMetadata object) {
    Defaults.apply(object);
    failOn(kind, object, ObjectValidator.validate(object));
  }

  /** Defaults then validates a replacement of {@code old}; throws 422 with every error. */
  void admitUpdate(Kind kind, HasMetadata old, HasMetadata updated) {
    Defaults.apply(updated);
    failOn(kind, updated, ObjectValidator.validateUpdate(old, updated));
  }

  private static void failOn(Kind kind, HasMetadata object, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(kind, object.getMetadata().getName(), errors);
    }
  }

  private static String join(List<DecodeError> errors) {
    return errors.stream().map(DecodeError::message).collect(Collectors.joining(", "));
  }
}
