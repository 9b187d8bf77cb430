package io.canarymesh.apiserver.rest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request, as the REST layer sees it: no Netty types, so the verbs are testable alone.
 *
 * @param method GET, POST, PUT, PATCH, DELETE
 * @param path the path without the query string
 * @param query decoded query parameters
 * @param accept the Accept header, or {@code ""}
 * @param contentType the Content-Type header, or {@code ""}
 * @param body the request body (empty when none)
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    String accept,
    String contentType,
    byte[] body) {

  public ApiRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    query = Map.copyOf(query);
    requireNonNull(accept, "accept");
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }

  /** The first value of a query parameter, if present and not empty. */
  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  public boolean flag(String name) {
    return param(name).map(v -> v.equals("true") || v.equals("1")).orElse(false);
  }

  /** True when the client asked for a server-side Table ({@code as=Table} in Accept). */
  public boolean wantsTable() {
    return accept.contains("as=Table");
  }

  /** {@code dryRun=All}: validate everything, persist nothing. */
  public boolean dryRun() {
    return param("dryRun").map(v -> v.equals("All")).orElse(false);
  }
}
