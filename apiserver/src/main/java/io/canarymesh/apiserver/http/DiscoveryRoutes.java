package io.canarymesh.apiserver.http;

import io.canarymesh.apiserver.discovery.DiscoveryDocuments;
import io.canarymesh.apiserver.discovery.DiscoveryFormat;
import io.canarymesh.apiserver.discovery.ServedDocument;
import io.canarymesh.apiserver.rest.ApiException;
import io.canarymesh.apiserver.rest.ApiRequest;
import io.canarymesh.apiserver.rest.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The non-resource paths (KUBE-API.md §A–C): {@code /version}, legacy and aggregated discovery, the
 * OpenAPI v3 stubs (v2 is 404, which kubectl accepts), and the health endpoints.
 */
public final class DiscoveryRoutes implements NonResourceRoutes {
  private static final List<String> PUBLIC = List.of("/version", "/healthz", "/readyz", "/livez");

  private final Supplier<DiscoveryDocuments> documentsSource;
  private final BooleanSupplier ready;

  /**
   * @param documents the discovery documents; they name the server's address, known only once it
   *     listens, so they are supplied rather than given (null until then: answered 503)
   * @param ready whether {@code /readyz} answers ok (false while the platform is still starting)
   */
  public DiscoveryRoutes(Supplier<DiscoveryDocuments> documents, BooleanSupplier ready) {
    this.documentsSource = documents;
    this.ready = ready;
  }

  @Override
  public boolean isPublic(String path) {
    return PUBLIC.contains(path);
  }

  @Override
  public Optional<ApiResponse> route(ApiRequest request) {
    String path = request.path().replaceAll("/+$", "");
    Optional<ApiResponse> response = plain(path, request);
    if (response.isPresent() && !request.method().equals("GET")) {
      throw ApiException.methodNotAllowed(request.method());
    }
    return response;
  }

  private Optional<ApiResponse> plain(String path, ApiRequest request) {
    DiscoveryDocuments documents = documentsSource.get();
    if (documents == null) {
      throw new ApiException(503, "ServiceUnavailable", "the server is starting", null);
    }
    switch (path) {
      case "/version":
        return Optional.of(served(documents.version()));
      case "/healthz", "/livez":
        return Optional.of(text(200, "ok"));
      case "/readyz":
        return Optional.of(
            ready.getAsBoolean() ? text(200, "ok") : text(500, "not ready: starting"));
      case "/api":
        return Optional.of(served(documents.api(format(request))));
      case "/apis":
        return Optional.of(served(documents.apis(format(request))));
      case "/openapi/v3":
        return Optional.of(served(documents.openApiV3Index()));
      case "/openapi/v2":
        throw ApiException.notFoundPath();
      default:
        break;
    }
    if (path.startsWith("/openapi/v3/")) {
      return Optional.of(
          served(
              documents
                  .openApiV3(path.substring("/openapi/v3/".length()))
                  .orElseThrow(ApiException::notFoundPath)));
    }
    String[] parts = path.substring(1).split("/");
    if (parts.length == 2 && parts[0].equals("api")) {
      return documents.resourceList("", parts[1]).map(DiscoveryRoutes::served);
    }
    if (parts.length == 2 && parts[0].equals("apis")) {
      return documents.apiGroup(parts[1]).map(DiscoveryRoutes::served);
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      return documents.resourceList(parts[1], parts[2]).map(DiscoveryRoutes::served);
    }
    return Optional.empty();
  }

  private static DiscoveryFormat format(ApiRequest request) {
    return DiscoveryFormat.forAccept(request.accept())
        .orElseThrow(
            () ->
                new ApiException(
                    406,
                    "NotAcceptable",
                    "only the following media types are accepted: application/json",
                    null));
  }

  private static ApiResponse served(ServedDocument document) {
    var buffer = document.body();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new ApiResponse(200, document.contentType(), bytes, List.of());
  }

  private static ApiResponse text(int status, String body) {
    return new ApiResponse(
        status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), List.of());
  }
}
