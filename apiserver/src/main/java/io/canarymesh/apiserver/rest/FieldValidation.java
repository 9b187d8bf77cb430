package io.canarymesh.apiserver.rest;

import java.util.Locale;

/**
 * The {@code fieldValidation} query parameter: what to do with unknown and duplicate fields. An
 * absent value means {@link #WARN}, as in kube-apiserver since 1.27.
 */
public enum FieldValidation {
  STRICT,
  WARN,
  IGNORE;

  public static FieldValidation of(ApiRequest request) {
    String value = request.param("fieldValidation").orElse("Warn");
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "strict" -> STRICT;
      case "warn" -> WARN;
      case "ignore" -> IGNORE;
      default ->
          throw ApiException.badRequest(
              "fieldValidation parameter unsupported: "
                  + value
                  + ". Must be one of Ignore, Warn or Strict");
    };
  }
}
