package io.canarymesh.apiserver.security;

import java.nio.file.Path;

/** A credential file that exists but cannot be used; the message names the file. */
public final class CredentialsException extends RuntimeException {
  CredentialsException(Path file, String problem) {
    super(
        file
            + " "
            + problem
            + " (fix or remove it; removing ca.crt invalidates existing kubeconfigs)");
  }
}
