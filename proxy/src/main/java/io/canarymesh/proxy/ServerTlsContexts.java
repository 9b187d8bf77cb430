package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.ServerTls;
import io.canarymesh.mesh.model.TlsCredential;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS termination for a Gateway server with {@code tls.mode: SIMPLE}: the certificate and key of
 * its {@code credentialName} Secret (resolved by the compiler, carried as PEM), else the {@code
 * serverCertificate} and {@code privateKey} files. Other modes (PASSTHROUGH, MUTUAL) are not served
 * yet: such a listener is refused with an error naming what is missing rather than served in clear
 * text.
 */
final class ServerTlsContexts {
  private ServerTlsContexts() {}

  /**
   * The context for {@code listener}; empty for a plain listener.
   *
   * @throws IllegalArgumentException naming the listener and the unsupported or missing setting
   */
  static Optional<SslContext> forListener(Listener listener) {
    if (listener.tls().isEmpty()) {
      return Optional.empty();
    }
    ServerTls tls = listener.tls().get();
    if (tls.mode() != ServerTls.Mode.SIMPLE) {
      throw new IllegalArgumentException(
          "listener " + listener.name() + ": tls.mode " + tls.mode() + " is not supported yet");
    }
    if (tls.credential().isPresent()) {
      TlsCredential credential = tls.credential().get();
      try {
        return Optional.of(
            SslContextBuilder.forServer(
                    pem(credential.certificateChainPem()), pem(credential.privateKeyPem()))
                .build());
      } catch (SSLException | IllegalArgumentException e) {
        // the message names the Secret, never its content
        throw new IllegalArgumentException(
            "listener "
                + listener.name()
                + ": cannot load the certificate or key of Secret "
                + credential.getSecret()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    if (tls.serverCertificate().isEmpty() || tls.privateKey().isEmpty()) {
      throw new IllegalArgumentException(
          "listener "
              + listener.name()
              + ": tls.serverCertificate and tls.privateKey files are required"
              + (tls.credentialName().isPresent()
                  ? " (credentialName " + tls.credentialName().get() + " was not resolved)"
                  : ""));
    }
    try {
      return Optional.of(
          SslContextBuilder.forServer(
                  new File(tls.serverCertificate().get()), new File(tls.privateKey().get()))
              .build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "listener " + listener.name() + ": cannot load certificate or key: " + e.getMessage(), e);
    }
  }

  private static InputStream pem(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
