package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What a matched route does: forward, redirect or answer directly. */
public sealed interface RouteAction {

  /**
   * Forward to one of the destinations, split by relative weight: a destination receives weight /
   * (sum of weights); weight 0 receives nothing. A lone destination always has a positive weight.
   *
   * @param destinations at least one, with a positive total weight
   */
  record Forward(List<WeightedDestination> destinations) implements RouteAction {
    public Forward {
      destinations = List.copyOf(destinations);
      if (destinations.isEmpty()) {
        throw new IllegalArgumentException("a forward needs at least one destination");
      }
      long total = destinations.stream().mapToLong(WeightedDestination::weight).sum();
      if (total <= 0) {
        throw new IllegalArgumentException(
            "total destination weight must be positive, got " + total);
      }
    }

    /** The sum of the weights: the denominator of every share. */
    public long totalWeight() {
      return destinations.stream().mapToLong(WeightedDestination::weight).sum();
    }
  }

  /**
   * Answer with a redirect ({@code HTTPRedirect}); each part left empty keeps the request's.
   *
   * @param uri replaces the path (and query)
   * @param authority replaces the host
   * @param scheme replaces the scheme
   * @param port an explicit port for the Location
   * @param derivePort how to pick the port when none is given
   * @param status 301 by default; 302, 303, 307 or 308 as configured
   */
  record Redirect(
      Optional<String> uri,
      Optional<String> authority,
      Optional<String> scheme,
      OptionalInt port,
      DerivePort derivePort,
      int status)
      implements RouteAction {
    /** Istio's {@code HTTPRedirect.RedirectPortSelection}. */
    public enum DerivePort {
      FROM_PROTOCOL_DEFAULT,
      FROM_REQUEST_PORT
    }

    public Redirect {
      requireNonNull(uri, "uri");
      requireNonNull(authority, "authority");
      requireNonNull(scheme, "scheme");
      requireNonNull(port, "port");
      port.ifPresent(p -> Checks.port(p, "redirect port"));
      requireNonNull(derivePort, "derivePort");
      Checks.httpStatus(status, "redirect status");
    }
  }

  /**
   * Answer without an upstream ({@code HTTPDirectResponse}).
   *
   * @param status the response status
   * @param body the body, decoded to text (bytes given in base64 are decoded as UTF-8)
   */
  record DirectResponse(int status, Optional<String> body) implements RouteAction {
    public DirectResponse {
      Checks.httpStatus(status, "direct response status");
      requireNonNull(body, "body");
    }
  }
}
