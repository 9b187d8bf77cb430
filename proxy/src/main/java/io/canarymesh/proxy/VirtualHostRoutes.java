package io.canarymesh.proxy;

import io.canarymesh.mesh.model.VirtualHost;

/**
 * A virtual host's routes, compiled for ordered first-match selection.
 *
 * @param callerFallback the route for a caller none of the routes applies to (every route has
 *     source conditions the caller fails); null when the virtual host has none
 */
record VirtualHostRoutes(VirtualHost virtualHost, RouteEntry[] routes, RouteEntry callerFallback) {

  VirtualHostRoutes(VirtualHost virtualHost, RouteEntry[] routes) {
    this(virtualHost, routes, null);
  }

  /**
   * The first route whose match list matches, else the caller fallback when no route applies to
   * this caller at all, else null (404 {@code NR}).
   */
  RouteEntry select(RequestView request) {
    for (RouteEntry route : routes) {
      if (RouteMatcher.matchesAny(route, request)) {
        return route;
      }
    }
    if (callerFallback != null && !anyRouteAppliesTo(request)) {
      request.matchedEntry = 0;
      return callerFallback;
    }
    return null;
  }

  /** Istio's sidecar view: does this caller get any route, whatever the request looks like? */
  private boolean anyRouteAppliesTo(RequestView request) {
    for (RouteEntry route : routes) {
      SourceCondition[] sources = route.sources();
      if (sources == null) {
        return true;
      }
      for (SourceCondition source : sources) {
        if (source == null || source.admits(request.client())) {
          return true;
        }
      }
    }
    return false;
  }
}
