package io.canarymesh.apiserver.security;

import java.nio.file.Path;

/**
 * Where the credentials live in the state directory:
 *
 * <pre>
 * STATE/token                 the bearer token
 * STATE/pki/ca.crt, ca.key    the CA (ca.crt is written last on first start: its presence means
 *                             the first start completed)
 * STATE/pki/apiserver.crt, apiserver.key
 * </pre>
 */
record CredentialFiles(
    Path pki, Path caCertificate, Path caKey, Path serverCertificate, Path serverKey, Path token) {

  static CredentialFiles in(Path stateDir) {
    Path pki = stateDir.resolve("pki");
    return new CredentialFiles(
        pki,
        pki.resolve("ca.crt"),
        pki.resolve("ca.key"),
        pki.resolve("apiserver.crt"),
        pki.resolve("apiserver.key"),
        stateDir.resolve("token"));
  }
}
