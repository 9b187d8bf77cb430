package io.canarymesh.apiserver.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks an {@code Authorization} header value against the server's bearer token, parsing it the
 * way kube-apiserver does ({@code k8s.io/apiserver/pkg/authentication/request/bearertoken}): trim
 * surrounding whitespace, split on single spaces into at most three parts, require the first to be
 * {@code bearer} in any case and take the second as the token. So {@code "bearer T"} and {@code "
 * Bearer T "} pass; {@code "Bearer T"} (two spaces: an empty token) fails; and in {@code "Bearer T
 * extra"} the token is {@code T}, the rest ignored, as Kubernetes does. The token comparison takes
 * the same time wherever the first difference lies.
 */
public final class BearerTokenAuthenticator {
  private final byte[] token;

  /** Accepts requests that present {@code token}, which must not be empty. */
  public BearerTokenAuthenticator(String token) {
    requireNonNull(token, "token");
    if (token.isEmpty() || !token.strip().equals(token) || token.contains(" ")) {
      throw new IllegalArgumentException("a bearer token must be non-empty and without spaces");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code authorization}, the value of the request's {@code Authorization} header,
   * presents the token. A request without the header passes {@code null} and is refused.
   */
  public boolean authenticate(String authorization) {
    if (authorization == null) {
      return false;
    }
    String[] parts = authorization.strip().split(" ", 3);
    if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
      return false;
    }
    String presented = parts[1];
    return !presented.isEmpty()
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
