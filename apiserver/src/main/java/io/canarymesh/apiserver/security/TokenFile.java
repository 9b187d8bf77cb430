package io.canarymesh.apiserver.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer token: 32 random bytes as URL-safe base64 without padding (43 characters), stored as
 * one line. A token read back must be something a header can carry: printable ASCII, no spaces.
 */
final class TokenFile {
  private static final int RANDOM_BYTES = 32;
  private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]+");

  private TokenFile() {}

  static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static void write(Path file, String token) {
    OwnerOnlyFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The token in {@code file}, or empty when there is no such file. */
  static Optional<String> read(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CredentialFileException(file, "cannot read: " + e, e);
    }
    if (!HEADER_SAFE.matcher(token).matches()) {
      throw new CredentialFileException(
          file,
          token.isEmpty()
              ? "empty (expected one line holding the bearer token)"
              : "not a bearer token (expected one line of printable ASCII without spaces)");
    }
    return Optional.of(token);
  }
}
