package io.canarymesh.proxy;

import io.canarymesh.mesh.model.RouteAction;

/**
 * Builds the {@code Location} of an {@code HTTPRedirect}: each part not given keeps the request's.
 */
final class Redirects {
  private Redirects() {}

  static String location(RouteAction.Redirect redirect, RequestView view, ListenerRoutes listener) {
    String scheme = redirect.scheme().orElse(view.scheme);
    String host =
        redirect.authority().orElse(HostSelector.stripPort(view.host == null ? "" : view.host));
    String port = "";
    if (redirect.port().isPresent()) {
      port = ":" + redirect.port().getAsInt();
    } else if (redirect.derivePort() == RouteAction.Redirect.DerivePort.FROM_REQUEST_PORT) {
      port = ":" + listener.listener().port();
    } else if (redirect.authority().isEmpty() && view.host != null && !view.host.equals(host)) {
      port = view.host.substring(host.length()); // keep the request's explicit port
    }
    String target;
    if (redirect.uri().isPresent()) {
      String uri = redirect.uri().get();
      String query = view.target.substring(view.pathLength);
      target = uri.contains("?") ? uri : uri + query;
    } else {
      target = view.target;
    }
    return scheme + "://" + host + port + target;
  }
}
