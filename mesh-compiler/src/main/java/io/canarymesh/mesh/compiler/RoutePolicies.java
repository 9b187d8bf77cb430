package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.CorsPolicy;
import io.canarymesh.mesh.model.FaultInjection;
import io.canarymesh.mesh.model.RetryPolicy;
import io.canarymesh.mesh.model.Rewrite;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.StringMatcher;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyBytes;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyString;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectDerivePort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectRedirectPortSelection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The per-route settings of an {@code HTTPRoute} besides matches and destinations. */
final class RoutePolicies {
  private RoutePolicies() {}

  static RouteAction.Redirect redirect(HTTPRedirect redirect) {
    OptionalInt port = OptionalInt.empty();
    RouteAction.Redirect.DerivePort derive = RouteAction.Redirect.DerivePort.FROM_PROTOCOL_DEFAULT;
    if (redirect.getRedirectPort() instanceof HTTPRedirectPort explicit
        && explicit.getPort() != null) {
      port = OptionalInt.of(explicit.getPort().intValue());
    } else if (redirect.getRedirectPort() instanceof HTTPRedirectDerivePort derived
        && derived.getDerivePort() == HTTPRedirectRedirectPortSelection.FROM_REQUEST_PORT) {
      derive = RouteAction.Redirect.DerivePort.FROM_REQUEST_PORT;
    }
    return new RouteAction.Redirect(
        nonEmpty(redirect.getUri()),
        nonEmpty(redirect.getAuthority()),
        nonEmpty(redirect.getScheme()),
        port,
        derive,
        redirect.getRedirectCode() == null || redirect.getRedirectCode() == 0
            ? 301
            : redirect.getRedirectCode().intValue());
  }

  static RouteAction.DirectResponse directResponse(HTTPDirectResponse response) {
    Optional<String> body = Optional.empty();
    if (response.getBody() != null) {
      body =
          switch (response.getBody().getSpecifier()) {
            case HTTPBodyString text -> Optional.ofNullable(text.getString());
            case HTTPBodyBytes bytes when bytes.getBytes() != null ->
                Optional.of(
                    new String(
                        Base64.getDecoder().decode(bytes.getBytes()), StandardCharsets.UTF_8));
            case null, default -> Optional.empty();
          };
    }
    return new RouteAction.DirectResponse(
        response.getStatus() == null ? 200 : response.getStatus().intValue(), body);
  }

  static Optional<Rewrite> rewrite(HTTPRewrite rewrite) {
    if (rewrite == null) {
      return Optional.empty();
    }
    Optional<Rewrite.RegexRewrite> regex =
        Optional.ofNullable(rewrite.getUriRegexRewrite())
            .filter(r -> r.getMatch() != null)
            .map(
                r ->
                    new Rewrite.RegexRewrite(
                        MatchCompiler.regex(r.getMatch()),
                        Objects.requireNonNullElse(r.getRewrite(), "")));
    return Optional.of(
        new Rewrite(nonEmpty(rewrite.getUri()), nonEmpty(rewrite.getAuthority()), regex));
  }

  /**
   * Istio's retry translation: no {@code retries} → the mesh default; {@code attempts} 0 (or
   * absent) → none; otherwise the default with the fields given replacing it. Numeric {@code
   * retryOn} entries become retriable status codes ({@code 5xx,503} → retry on 5xx and on 503).
   */
  static RetryPolicy retries(HTTPRetry retry) {
    if (retry == null) {
      return RetryPolicy.MESH_DEFAULT;
    }
    if (retry.getAttempts() == null || retry.getAttempts() <= 0) {
      return RetryPolicy.NONE;
    }
    List<String> retryOn = new ArrayList<>(RetryPolicy.MESH_DEFAULT.retryOn());
    List<Integer> codes = new ArrayList<>();
    if (retry.getRetryOn() != null && !retry.getRetryOn().isBlank()) {
      retryOn.clear();
      for (String condition : retry.getRetryOn().split(",")) {
        String trimmed = condition.trim();
        if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
          codes.add(Integer.parseInt(trimmed));
        } else if (!trimmed.isEmpty()) {
          retryOn.add(trimmed);
        }
      }
      if (!codes.isEmpty() && !retryOn.contains("retriable-status-codes")) {
        retryOn.add("retriable-status-codes");
      }
    }
    return new RetryPolicy(
        retry.getAttempts(),
        IstioDurations.parse(retry.getPerTryTimeout()).filter(t -> !t.isZero()),
        retryOn,
        codes,
        IstioDurations.parseOr(retry.getBackoff(), RetryPolicy.DEFAULT_BACKOFF));
  }

  /**
   * Delays and aborts. A percentage that is not given means all requests ({@code percentage}, else
   * the older integer {@code percent}, else 100). Exponential delays are not supported.
   */
  static Optional<FaultInjection> fault(HTTPFaultInjection fault) {
    if (fault == null) {
      return Optional.empty();
    }
    Optional<FaultInjection.Delay> delay =
        Optional.ofNullable(fault.getDelay())
            .filter(d -> d.getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay)
            .flatMap(
                d ->
                    IstioDurations.parse(
                            ((HTTPFaultInjectionDelayFixedDelay) d.getHttpDelayType())
                                .getFixedDelay())
                        .map(
                            fixed ->
                                new FaultInjection.Delay(
                                    fixed, share(d.getPercentage(), d.getPercent()))));
    Optional<FaultInjection.Abort> abort =
        Optional.ofNullable(fault.getAbort())
            .flatMap(
                a ->
                    switch (a.getErrorType()) {
                      case HTTPFaultInjectionAbortHttpStatus http
                          when http.getHttpStatus() != null ->
                          Optional.of(
                              new FaultInjection.Abort(
                                  http.getHttpStatus(),
                                  Optional.empty(),
                                  share(a.getPercentage(), null)));
                      case HTTPFaultInjectionAbortGrpcStatus grpc
                          when grpc.getGrpcStatus() != null ->
                          Optional.of(
                              new FaultInjection.Abort(
                                  200,
                                  Optional.of(grpc.getGrpcStatus()),
                                  share(a.getPercentage(), null)));
                      case null, default -> Optional.empty();
                    });
    return delay.isEmpty() && abort.isEmpty()
        ? Optional.empty()
        : Optional.of(new FaultInjection(delay, abort));
  }

  private static double share(Percent percentage, Integer legacyPercent) {
    if (percentage != null) {
      return HttpRouteCompiler.percent(percentage);
    }
    return legacyPercent != null && legacyPercent > 0 ? legacyPercent : 100;
  }

  /**
   * {@code allowOrigins} matchers, plus the deprecated {@code allowOrigin} strings ({@code *} =
   * any).
   */
  static Optional<io.canarymesh.mesh.model.CorsPolicy> cors(
      io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy cors) {
    if (cors == null) {
      return Optional.empty();
    }
    List<StringMatcher> origins = new ArrayList<>();
    Objects.requireNonNullElse(
            cors.getAllowOrigins(),
            List.<io.fabric8.istio.api.api.networking.v1alpha3.StringMatch>of())
        .forEach(origin -> MatchCompiler.matcher(origin, false).ifPresent(origins::add));
    Objects.requireNonNullElse(cors.getAllowOrigin(), List.<String>of())
        .forEach(
            origin ->
                origins.add(
                    origin.equals("*")
                        ? new StringMatcher.Prefix("", false)
                        : new StringMatcher.Exact(origin, false)));
    return Optional.of(
        new CorsPolicy(
            origins,
            Objects.requireNonNullElse(cors.getAllowMethods(), List.of()),
            Objects.requireNonNullElse(cors.getAllowHeaders(), List.of()),
            Objects.requireNonNullElse(cors.getExposeHeaders(), List.of()),
            IstioDurations.parse(cors.getMaxAge()),
            Optional.ofNullable(cors.getAllowCredentials())));
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
