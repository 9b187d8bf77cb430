package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code CorsPolicy}: which cross-origin requests the route allows.
 *
 * @param allowOrigins an origin matching any of these is allowed
 * @param allowMethods {@code Access-Control-Allow-Methods}
 * @param allowHeaders {@code Access-Control-Allow-Headers}
 * @param exposeHeaders {@code Access-Control-Expose-Headers}
 * @param maxAge {@code Access-Control-Max-Age}
 * @param allowCredentials {@code Access-Control-Allow-Credentials}, when set
 */
public record CorsPolicy(
    List<StringMatcher> allowOrigins,
    List<String> allowMethods,
    List<String> allowHeaders,
    List<String> exposeHeaders,
    Optional<Duration> maxAge,
    Optional<Boolean> allowCredentials) {
  public CorsPolicy {
    allowOrigins = List.copyOf(allowOrigins);
    allowMethods = List.copyOf(allowMethods);
    allowHeaders = List.copyOf(allowHeaders);
    exposeHeaders = List.copyOf(exposeHeaders);
    requireNonNull(maxAge, "maxAge");
    maxAge.ifPresent(age -> Checks.nonNegative(age, "maxAge"));
    requireNonNull(allowCredentials, "allowCredentials");
  }
}
