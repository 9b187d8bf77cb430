package io.canarymesh.model.validation.istio;

import static io.canarymesh.model.validation.istio.HttpRouteValidator.list;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttp2Error;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayExponentialDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.RegexRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The policies of an HTTP route: CORS, fault injection, redirect, direct response, retries,
 * rewrite.
 */
final class HttpPolicyRules {
  private static final Set<String> CORS_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*");

  private static final Set<String> GRPC_STATUSES =
      Set.of(
          "OK",
          "CANCELLED",
          "UNKNOWN",
          "INVALID_ARGUMENT",
          "DEADLINE_EXCEEDED",
          "NOT_FOUND",
          "ALREADY_EXISTS",
          "PERMISSION_DENIED",
          "RESOURCE_EXHAUSTED",
          "FAILED_PRECONDITION",
          "ABORTED",
          "OUT_OF_RANGE",
          "UNIMPLEMENTED",
          "INTERNAL",
          "UNAVAILABLE",
          "DATA_LOSS",
          "UNAUTHENTICATED");

  /** Envoy's {@code x-envoy-retry-on} and {@code x-envoy-retry-grpc-on} policies. */
  private static final Set<String> RETRY_ON =
      Set.of(
          "5xx",
          "gateway-error",
          "reset",
          "reset-before-request",
          "connect-failure",
          "retriable-4xx",
          "refused-stream",
          "retriable-status-codes",
          "retriable-headers",
          "envoy-ratelimited",
          "http3-post-connect-failure",
          "cancelled",
          "deadline-exceeded",
          "internal",
          "resource-exhausted",
          "unavailable");

  /** The status codes Go's {@code http.StatusText} names; a retryOn entry may be one of them. */
  private static final Set<Integer> KNOWN_STATUS_CODES =
      Set.of(
          100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303,
          304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413,
          414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
          503, 504, 505, 506, 507, 508, 510, 511);

  private HttpPolicyRules() {}

  static void checkCors(CorsPolicy cors, FieldPath path, List<FieldError> errors) {
    if (cors == null) {
      return;
    }
    List<StringMatch> origins = list(cors.getAllowOrigins());
    for (int i = 0; i < origins.size(); i++) {
      checkAllowOrigin(origins.get(i), path.child("allowOrigins").index(i), errors);
    }
    List<String> methods = list(cors.getAllowMethods());
    for (int i = 0; i < methods.size(); i++) {
      if (!CORS_METHODS.contains(methods.get(i))) {
        errors.add(
            FieldError.invalid(
                path.child("allowMethods").index(i),
                methods.get(i),
                "\"" + methods.get(i) + "\" is not a supported HTTP method"));
      }
    }
    List<String> allowHeaders = list(cors.getAllowHeaders());
    for (int i = 0; i < allowHeaders.size(); i++) {
      HeaderRules.checkCorsName(allowHeaders.get(i), path.child("allowHeaders").index(i), errors);
    }
    List<String> exposeHeaders = list(cors.getExposeHeaders());
    for (int i = 0; i < exposeHeaders.size(); i++) {
      HeaderRules.checkCorsName(exposeHeaders.get(i), path.child("exposeHeaders").index(i), errors);
    }
    DurationField.check(cors.getMaxAge(), path.child("maxAge"), errors);
    IstioDuration.tryParse(nullToEmpty(cors.getMaxAge()))
        .filter(maxAge -> maxAge.toNanosPart() != 0)
        .ifPresent(
            maxAge ->
                errors.add(
                    FieldError.invalid(
                        path.child("maxAge"),
                        cors.getMaxAge(),
                        "max_age duration is accurate only to seconds precision")));
  }

  private static void checkAllowOrigin(
      StringMatch origin, FieldPath path, List<FieldError> errors) {
    String value =
        origin == null
            ? ""
            : switch (origin.getMatchType()) {
              case StringMatchExact exact -> nullToEmpty(exact.getExact());
              case StringMatchPrefix prefix -> nullToEmpty(prefix.getPrefix());
              case StringMatchRegex regex -> nullToEmpty(regex.getRegex());
              case null, default -> "";
            };
    if (value.isEmpty()) {
      errors.add(
          FieldError.invalid(path, value, "'' is not a valid match type for CORS allow origins"));
      return;
    }
    RegexRules.checkMatch(origin, "corsPolicy.allowOrigins", false, path, errors);
  }

  static void checkFault(HTTPFaultInjection fault, FieldPath path, List<FieldError> errors) {
    if (fault == null) {
      return;
    }
    if (fault.getAbort() == null && fault.getDelay() == null) {
      errors.add(
          FieldError.required(path, "HTTP fault injection must have an abort and/or a delay"));
    }
    checkAbort(fault.getAbort(), path.child("abort"), errors);
    checkDelay(fault.getDelay(), path.child("delay"), errors);
  }

  private static void checkAbort(
      HTTPFaultInjectionAbort abort, FieldPath path, List<FieldError> errors) {
    if (abort == null) {
      return;
    }
    Percentages.checkPercentage(abort.getPercentage(), path.child("percentage"), errors);
    switch (abort.getErrorType()) {
      case HTTPFaultInjectionAbortHttpStatus status ->
          checkHttpStatus(status.getHttpStatus(), path.child("httpStatus"), errors);
      case HTTPFaultInjectionAbortGrpcStatus status -> {
        String code = nullToEmpty(status.getGrpcStatus());
        if (!GRPC_STATUSES.contains(code)) {
          errors.add(
              FieldError.invalid(
                  path.child("grpcStatus"),
                  code,
                  "gRPC status \""
                      + code
                      + "\" is not supported. See"
                      + " https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list"
                      + " of supported codes, for example 'NOT_FOUND'"));
        }
      }
      case HTTPFaultInjectionAbortHttp2Error ignored ->
          errors.add(
              FieldError.forbidden(
                  path.child("http2Error"), "HTTP/2 abort fault injection not supported yet"));
      case null, default -> {
        // Istio only warns: "abort configured, but error type not set".
      }
    }
  }

  private static void checkDelay(
      HTTPFaultInjectionDelay delay, FieldPath path, List<FieldError> errors) {
    if (delay == null) {
      return;
    }
    Percentages.checkPercent(delay.getPercent(), path.child("percent"), errors);
    Percentages.checkPercentage(delay.getPercentage(), path.child("percentage"), errors);
    switch (delay.getHttpDelayType()) {
      case HTTPFaultInjectionDelayFixedDelay fixed ->
          DurationField.check(fixed.getFixedDelay(), path.child("fixedDelay"), errors);
      case HTTPFaultInjectionDelayExponentialDelay exponential -> {
        DurationField.check(
            exponential.getExponentialDelay(), path.child("exponentialDelay"), errors);
        errors.add(
            FieldError.forbidden(
                path.child("exponentialDelay"), "exponentialDelay not supported yet"));
      }
      case null, default -> {}
    }
  }

  /** An HTTP status for an abort or a direct response: 200..599. */
  static void checkHttpStatus(Number status, FieldPath path, List<FieldError> errors) {
    long value = status == null ? 0 : status.longValue();
    if (value < 200 || value > 599) {
      errors.add(
          FieldError.invalid(path, value, "HTTP status " + value + " is not in range 200-599"));
    }
  }

  static void checkMirrorPercentage(
      Percent percentage, String name, FieldPath path, List<FieldError> errors) {
    if (percentage == null || percentage.getValue() == null) {
      return;
    }
    double value = percentage.getValue();
    String shown = String.format(Locale.ROOT, "%f", value);
    if (value > 100) {
      errors.add(
          FieldError.invalid(
              path.child("value"),
              value,
              name + " must have a max value of 100 (it has " + shown + ")"));
    } else if (value < 0) {
      errors.add(
          FieldError.invalid(
              path.child("value"),
              value,
              name + " must have a min value of 0 (it has " + shown + ")"));
    }
  }

  static void checkRedirect(HTTPRedirect redirect, FieldPath path, List<FieldError> errors) {
    if (redirect == null) {
      return;
    }
    if (isEmpty(redirect.getUri())
        && isEmpty(redirect.getAuthority())
        && redirect.getRedirectPort() == null
        && isEmpty(redirect.getScheme())) {
      errors.add(
          FieldError.required(path, "redirect must specify URI, authority, scheme, or port"));
    }
    Long code = redirect.getRedirectCode();
    if (code != null && code != 0 && (code < 300 || code > 399)) {
      errors.add(
          FieldError.invalid(
              path.child("redirectCode"),
              code,
              code + " is not a valid redirect code, must be 3xx"));
    }
    String scheme = redirect.getScheme();
    if (!isEmpty(scheme) && !scheme.equals("http") && !scheme.equals("https")) {
      errors.add(
          FieldError.invalid(
              path.child("scheme"),
              scheme,
              "invalid redirect scheme, must be \"http\" or \"https\""));
    }
    if (redirect.getRedirectPort() instanceof HTTPRedirectPort port
        && port.getPort() != null
        && port.getPort() > 0) {
      PortRules.checkNumber(port.getPort(), path.child("port"), errors);
    }
  }

  static void checkDirectResponse(
      HTTPDirectResponse response, FieldPath path, List<FieldError> errors) {
    if (response != null) {
      checkHttpStatus(response.getStatus(), path.child("status"), errors);
    }
  }

  static void checkRetries(HTTPRetry retries, FieldPath path, List<FieldError> errors) {
    if (retries == null) {
      return;
    }
    int attempts = retries.getAttempts() == null ? 0 : retries.getAttempts();
    if (attempts < 0) {
      errors.add(
          FieldError.invalid(path.child("attempts"), attempts, "attempts cannot be negative"));
    }
    if (attempts == 0
        && (retries.getPerTryTimeout() != null
            || !isEmpty(retries.getRetryOn())
            || retries.getRetryRemoteLocalities() != null)) {
      errors.add(
          FieldError.invalid(
              path.child("attempts"),
              attempts,
              "http retry policy configured when attempts are set to 0 (disabled)"));
    }
    DurationField.check(retries.getPerTryTimeout(), path.child("perTryTimeout"), errors);
    DurationField.check(retries.getBackoff(), path.child("backoff"), errors);
    if (!isEmpty(retries.getRetryOn())) {
      for (String policy : retries.getRetryOn().split(",", -1)) {
        if (!RETRY_ON.contains(policy) && !isKnownStatus(policy)) {
          errors.add(
              FieldError.invalid(
                  path.child("retryOn"),
                  retries.getRetryOn(),
                  "\"" + policy + "\" is not a valid retryOn policy"));
        }
      }
    }
  }

  static void checkRewrite(HTTPRewrite rewrite, FieldPath path, List<FieldError> errors) {
    if (rewrite == null) {
      return;
    }
    RegexRewrite regex = rewrite.getUriRegexRewrite();
    if (!isEmpty(rewrite.getUri()) && regex != null) {
      errors.add(
          FieldError.forbidden(
              path.child("uriRegexRewrite"),
              "rewrite may only contain one of URI or UriRegexRewrite"));
    } else if (isEmpty(rewrite.getUri()) && regex == null && isEmpty(rewrite.getAuthority())) {
      errors.add(
          FieldError.required(
              path, "rewrite must specify at least one of URI, UriRegexRewrite, or authority"));
    }
    if (regex != null) {
      if (isEmpty(regex.getMatch()) || isEmpty(regex.getRewrite())) {
        errors.add(
            FieldError.required(
                path.child("uriRegexRewrite"),
                "UriRegexRewrite requires both Rewrite and Match fields to be specified"));
      } else {
        RegexRules.check(regex.getMatch(), "HTTPRewrite.UriRegexRewrite.Match")
            .ifPresent(
                problem ->
                    errors.add(
                        FieldError.invalid(
                            path.child("uriRegexRewrite").child("match"),
                            regex.getMatch(),
                            problem)));
      }
    }
  }

  private static boolean isKnownStatus(String policy) {
    try {
      return KNOWN_STATUS_CODES.contains(Integer.parseInt(policy));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
