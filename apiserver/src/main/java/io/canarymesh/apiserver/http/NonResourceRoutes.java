package io.canarymesh.apiserver.http;

import io.canarymesh.apiserver.rest.ApiRequest;
import io.canarymesh.apiserver.rest.ApiResponse;
import java.util.Optional;

/** Paths that are not resources: /version, discovery, OpenAPI, health. */
public interface NonResourceRoutes {
  /** The response for {@code request}, or empty when the path is not one of these. */
  Optional<ApiResponse> route(ApiRequest request);

  /**
   * Whether the path may be read without a token (health and version, as kube allows anonymously).
   */
  boolean isPublic(String path);
}
