package io.canarymesh.apiserver.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer <token>} as kube-apiserver's bearer-token authenticator does:
 * the scheme is case-insensitive, surrounding spaces are trimmed, an empty token is no token, and
 * the comparison takes the same time whatever the input.
 */
public final class BearerTokenAuthenticator {
  private final byte[] expected;

  public BearerTokenAuthenticator(String token) {
    requireNonNull(token, "token");
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  public boolean authenticate(String authorization) {
    if (authorization == null) {
      return false;
    }
    String header = authorization.strip();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return false;
    }
    String token = header.substring(space + 1).strip();
    if (token.isEmpty() || token.contains(" ")) {
      return false;
    }
    return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
  }
}
