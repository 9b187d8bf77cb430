package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** HTTP header names and values in matches and header operations, as Istio validates them. */
final class HeaderRules {
  // RFC 7230 token characters.
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
  private static final Pattern CONTROL_CHARS = Pattern.compile(".*[\\x00-\\x08\\x0A-\\x1F\\x7F].*");
  private static final Set<String> PSEUDO_HEADERS =
      Set.of(":method", ":scheme", ":authority", ":path", ":status");

  private HeaderRules() {}

  /**
   * A header name in a match ({@code headers}, {@code withoutHeaders}). Istio documents that the
   * keys must be lower case (Envoy compares header names in lower case); its webhook checks only
   * the token syntax, we also enforce the documented lower case. JWT claim keys ({@code
   * @request.auth.claims.*}) and pseudo-headers are allowed as in Istio.
   */
  static void checkMatchName(String name, FieldPath path, List<FieldError> errors) {
    if (name.isEmpty()) {
      errors.add(FieldError.invalid(path, name, "header name cannot be empty"));
    } else if (name.startsWith("@request.auth.claims") || PSEUDO_HEADERS.contains(name)) {
      return;
    } else if (!TOKEN.matcher(name).matches()) {
      errors.add(
          FieldError.invalid(path, name, "header name " + name + " is not a valid header name"));
    } else if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      errors.add(FieldError.invalid(path, name, "header name " + name + " must be lower case"));
    }
  }

  /** A header name in a CORS policy: a token, or {@code *}. */
  static void checkCorsName(String name, FieldPath path, List<FieldError> errors) {
    if (name.isEmpty()) {
      errors.add(FieldError.invalid(path, name, "header name cannot be empty"));
    } else if (!name.equals("*") && !TOKEN.matcher(name).matches()) {
      errors.add(
          FieldError.invalid(path, name, "header name " + name + " is not a valid header name"));
    }
  }

  /**
   * Header operations ({@code headers.request/response.set/add/remove}). Request {@code set} and
   * {@code add} may rewrite the authority ({@code host}, {@code :authority}); nothing else may
   * touch {@code host} or a {@code :}-prefixed pseudo-header.
   */
  static void checkOperations(Headers headers, FieldPath path, List<FieldError> errors) {
    if (headers == null) {
      return;
    }
    checkOperations(headers.getRequest(), true, path.child("request"), errors);
    checkOperations(headers.getResponse(), false, path.child("response"), errors);
  }

  private static void checkOperations(
      HeadersHeaderOperations ops, boolean request, FieldPath path, List<FieldError> errors) {
    if (ops == null) {
      return;
    }
    checkSetOrAdd(ops.getSet(), request, path.child("set"), errors);
    checkSetOrAdd(ops.getAdd(), request, path.child("add"), errors);
    List<String> remove = ops.getRemove() == null ? List.of() : ops.getRemove();
    for (int i = 0; i < remove.size(); i++) {
      checkOperationName(remove.get(i), false, path.child("remove").index(i), errors);
    }
  }

  private static void checkSetOrAdd(
      Map<String, String> values, boolean request, FieldPath path, List<FieldError> errors) {
    if (values == null) {
      return;
    }
    values.forEach(
        (name, value) -> {
          checkOperationName(name, request, path, errors);
          checkValue(value == null ? "" : value, path.key(name), errors);
        });
  }

  private static void checkOperationName(
      String name, boolean authorityAllowed, FieldPath path, List<FieldError> errors) {
    boolean authority = name.equalsIgnoreCase("host") || name.equalsIgnoreCase(":authority");
    if (name.isEmpty()) {
      errors.add(FieldError.invalid(path, name, "header name cannot be empty"));
    } else if (authorityAllowed && authority) {
      return;
    } else if (name.equalsIgnoreCase("host")) {
      errors.add(
          FieldError.invalid(
              path, name, "invalid header \"" + name + "\": cannot set Host header"));
    } else if (name.startsWith(":")) {
      errors.add(
          FieldError.invalid(
              path, name, "invalid header \"" + name + "\": header cannot have \":\" prefix"));
    }
  }

  /**
   * A header value for Envoy: no control characters, and {@code %} only as {@code %%} or around a
   * variable ({@code %HOSTNAME%}, {@code %REQ(x-id)%}). Valid: {@code 100%%}, {@code a %HOSTNAME%
   * b}; invalid: {@code abc%123}.
   */
  static void checkValue(String value, FieldPath path, List<FieldError> errors) {
    if (CONTROL_CHARS.matcher(value).matches()) {
      errors.add(
          FieldError.invalid(path, value, "header value configuration " + value + " is invalid"));
      return;
    }
    int i = 0;
    while (i < value.length()) {
      if (value.charAt(i) != '%') {
        i++;
      } else if (i + 1 == value.length()) {
        errors.add(
            FieldError.invalid(
                path,
                value,
                "header value configuration: invalid header configuration. Un-escaped %"));
        return;
      } else if (value.charAt(i + 1) == '%') {
        i += 2;
      } else {
        int end = value.indexOf('%', i + 1);
        if (end < 0) {
          errors.add(
              FieldError.invalid(
                  path,
                  value,
                  "header value configuration: invalid header configuration. Un-terminated"
                      + " variable expression '"
                      + value
                      + "'"));
          return;
        }
        i = end + 1;
      }
    }
  }
}
