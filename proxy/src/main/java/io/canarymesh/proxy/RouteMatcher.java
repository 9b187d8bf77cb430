package io.canarymesh.proxy;

import io.canarymesh.mesh.model.NamedMatcher;
import io.canarymesh.mesh.model.RouteMatch;
import io.canarymesh.mesh.model.StringMatcher;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a compiled {@link RouteMatch} against a request: every present condition must hold.
 * Exact and prefix path checks compare regions of the request target, so they do not allocate.
 * {@code sourceLabels} and {@code sourceNamespace} ({@link SourceCondition}) are checked last, so
 * the caller is looked up only when everything else matched.
 */
final class RouteMatcher {
  private RouteMatcher() {}

  /** True when an entry of the route's match list matches; records which in the request. */
  static boolean matchesAny(RouteEntry route, RequestView request) {
    List<RouteMatch> matches = route.route().matches();
    SourceCondition[] sources = route.sources();
    for (int i = 0; i < matches.size(); i++) {
      if (matches(matches.get(i), request)
          && (sources == null || sources[i] == null || sources[i].admits(request.client()))) {
        request.matchedEntry = i;
        return true;
      }
    }
    return false;
  }

  /** Every request condition of {@code match} holds; source conditions are not looked at. */
  static boolean matches(RouteMatch match, RequestView request) {
    if (match.port().isPresent() && match.port().getAsInt() != request.port) {
      return false;
    }
    return path(match.uri(), request)
        && value(match.scheme(), request.scheme)
        && value(match.method(), request.method())
        && value(match.authority(), request.host)
        && headers(match.headers(), request, true)
        && headers(match.withoutHeaders(), request, false)
        && queryParams(match.queryParams(), request);
  }

  private static boolean path(Optional<StringMatcher> uri, RequestView request) {
    if (uri.isEmpty()) {
      return true;
    }
    String target = request.target;
    int length = request.pathLength;
    return switch (uri.get()) {
      case StringMatcher.Exact exact ->
          exact.value().length() == length
              && target.regionMatches(exact.ignoreCase(), 0, exact.value(), 0, length);
      case StringMatcher.Prefix prefix ->
          prefix.value().length() <= length
              && target.regionMatches(
                  prefix.ignoreCase(), 0, prefix.value(), 0, prefix.value().length());
      case StringMatcher.Regex regex -> regex.matches(request.path());
      case StringMatcher.Present present -> true;
    };
  }

  private static boolean value(Optional<StringMatcher> matcher, String value) {
    return matcher.isEmpty() || (value != null && matcher.get().matches(value));
  }

  private static boolean headers(List<NamedMatcher> matchers, RequestView request, boolean want) {
    for (int i = 0; i < matchers.size(); i++) {
      NamedMatcher matcher = matchers.get(i);
      String value = request.headers().get(matcher.name());
      boolean matched = value != null && matcher.matcher().matches(value);
      if (matched != want) {
        return false;
      }
    }
    return true;
  }

  private static boolean queryParams(List<NamedMatcher> matchers, RequestView request) {
    for (int i = 0; i < matchers.size(); i++) {
      NamedMatcher matcher = matchers.get(i);
      String value = request.queryParam(matcher.name());
      if (value == null || !matcher.matcher().matches(value)) {
        return false;
      }
    }
    return true;
  }
}
