package io.canarymesh.apiserver.rest;

import io.canarymesh.model.Kind;
import io.canarymesh.store.StoreException;

/** Maps the store's refusals to the Status the API answers with. */
final class StoreErrors {
  private StoreErrors() {}

  static ApiException toApi(StoreException e, Kind kind, String name) {
    return switch (e.reason()) {
      case NOT_FOUND ->
          new ApiException(404, "NotFound", e.getMessage(), ApiException.details(kind, name));
      case ALREADY_EXISTS ->
          new ApiException(409, "AlreadyExists", e.getMessage(), ApiException.details(kind, name));
      case CONFLICT ->
          new ApiException(409, "Conflict", e.getMessage(), ApiException.details(kind, name));
      case GONE -> new ApiException(410, "Expired", e.getMessage(), null);
      case TOO_SLOW, CLOSED ->
          new ApiException(
              500, "InternalError", "Internal error occurred: " + e.getMessage(), null);
    };
  }
}
