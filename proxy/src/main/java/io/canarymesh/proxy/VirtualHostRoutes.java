package io.canarymesh.proxy;

import io.canarymesh.mesh.model.VirtualHost;

/** A virtual host's routes, compiled for ordered first-match selection. */
record VirtualHostRoutes(VirtualHost virtualHost, RouteEntry[] routes) {

  /** The first route whose match list matches, or null (404 {@code NR}). */
  RouteEntry select(RequestView request) {
    for (RouteEntry route : routes) {
      if (RouteMatcher.matchesAny(route, request)) {
        return route;
      }
    }
    return null;
  }
}
