package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.ServerTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS termination for a Gateway server with {@code tls.mode: SIMPLE} and certificate and key files.
 * Other modes (PASSTHROUGH, MUTUAL, a {@code credentialName} Secret) are not served yet: such a
 * listener is refused with an error naming what is missing rather than served in clear text.
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
    if (tls.serverCertificate().isEmpty() || tls.privateKey().isEmpty()) {
      throw new IllegalArgumentException(
          "listener "
              + listener.name()
              + ": tls.serverCertificate and tls.privateKey files are required"
              + (tls.credentialName().isPresent() ? " (credentialName is not supported yet)" : ""));
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
}
