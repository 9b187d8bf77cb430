package io.canarymesh.apiserver.security;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A credential file that exists but cannot be used: unreadable, not the PEM it should be, or not
 * matching its partner. The file is left as it is: replacing the CA silently would break every
 * kubeconfig that trusts it, so a person has to decide.
 */
public final class CredentialFileException extends RuntimeException {
  private final Path file;

  CredentialFileException(Path file, String problem) {
    this(file, problem, null);
  }

  CredentialFileException(Path file, String problem, Throwable cause) {
    super(requireNonNull(file, "file") + ": " + requireNonNull(problem, "problem"), cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
