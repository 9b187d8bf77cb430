package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.ServerTls;
import io.canarymesh.mesh.model.TlsCredential;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;

/**
 * TLS termination for a Gateway server with {@code tls.mode: SIMPLE} or {@code MUTUAL}: the
 * certificate and key of its {@code credentialName} Secret (resolved by the compiler, carried as
 * PEM), else the {@code serverCertificate} and {@code privateKey} files. {@code MUTUAL} also
 * requires a client certificate signed by the CA of the credential (its Secret's {@code ca.crt} or
 * {@code cacert}, or the {@code <name>-cacert} Secret), else of the {@code caCertificates} file; a
 * client without one fails the handshake. {@code OPTIONAL_MUTUAL} admits a client without a
 * certificate ({@code ClientAuth.OPTIONAL}), but one that presents a certificate the CA did not
 * sign still fails. A MUTUAL listener's client certificate must also pass its {@code
 * subjectAltNames}, {@code verifyCertificateSpki}, {@code verifyCertificateHash} and CRLs ({@link
 * ClientCertificateTrust}). {@code PASSTHROUGH} has no context (nothing is terminated). Other modes
 * (ISTIO_MUTUAL, AUTO_PASSTHROUGH) are refused with an error naming the listener rather than served
 * in clear text, and a MUTUAL listener without a CA is refused rather than served without verifying
 * clients.
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
    if (tls.mode() == ServerTls.Mode.PASSTHROUGH) {
      return Optional.empty(); // routed by SNI, never terminated here (SniRouter)
    }
    boolean optional = tls.mode() == ServerTls.Mode.OPTIONAL_MUTUAL;
    boolean mutual = tls.mode() == ServerTls.Mode.MUTUAL || optional;
    ClientAuth clientAuth = optional ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE;
    if (tls.mode() != ServerTls.Mode.SIMPLE && !mutual) {
      throw new IllegalArgumentException(
          "listener " + listener.name() + ": tls.mode " + tls.mode() + " is not supported yet");
    }
    if (tls.credential().isPresent()) {
      TlsCredential credential = tls.credential().get();
      if (mutual && credential.caCertificatesPem().isEmpty()) {
        throw new IllegalArgumentException(
            "listener "
                + listener.name()
                + ": tls.mode MUTUAL needs a CA for client certificates; Secret "
                + credential.getSecret()
                + " gave none");
      }
      try {
        SslContextBuilder builder =
            SslContextBuilder.forServer(
                pem(credential.certificateChainPem()), pem(credential.privateKeyPem()));
        if (mutual) {
          builder
              .trustManager(clientTrust(credential.caCertificatesPem().get(), tls))
              .clientAuth(clientAuth);
        }
        return Optional.of(builder.applicationProtocolConfig(ALPN).build());
      } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
        // the message names the Secret, never its content
        throw new IllegalArgumentException(
            "listener "
                + listener.name()
                + ": cannot load the certificate or key of Secret "
                + credential.getSecret()
                + credential.getCaSecret().map(ca -> " or the CA of Secret " + ca).orElse("")
                + crlSource(tls)
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
    if (mutual && tls.caCertificates().isEmpty()) {
      throw new IllegalArgumentException(
          "listener "
              + listener.name()
              + ": tls.mode MUTUAL needs a tls.caCertificates file for client certificates");
    }
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(
              new File(tls.serverCertificate().get()), new File(tls.privateKey().get()));
      if (mutual) {
        String ca =
            Files.readString(Path.of(tls.caCertificates().get()), StandardCharsets.US_ASCII);
        builder.trustManager(clientTrust(ca, tls)).clientAuth(clientAuth);
      }
      return Optional.of(builder.applicationProtocolConfig(ALPN).build());
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "listener "
              + listener.name()
              + ": cannot load certificate, key"
              + (mutual ? " or CA" + crlSource(tls) : "")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * ALPN: {@code h2} first, then {@code http/1.1}, as Envoy's HTTP listeners offer them. An h2
   * client then sends the HTTP/2 preface, which {@link Http2PriorKnowledgeDetector} switches on as
   * for h2c; a client without ALPN, or choosing http/1.1, stays on HTTP/1.1.
   */
  private static final ApplicationProtocolConfig ALPN =
      new ApplicationProtocolConfig(
          ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
          ApplicationProtocolNames.HTTP_2,
          ApplicationProtocolNames.HTTP_1_1);

  /**
   * Verifies client certificates against {@code caPem} and {@code tls}'s client checks, with the
   * CRLs of its {@code caCrl} file and of the CA Secret's {@code ca.crl}.
   */
  private static TrustManager clientTrust(String caPem, ServerTls tls)
      throws GeneralSecurityException, IOException {
    List<String> crls = new ArrayList<>();
    if (tls.clientChecks().crlFile().isPresent()) {
      crls.add(
          Files.readString(Path.of(tls.clientChecks().crlFile().get()), StandardCharsets.US_ASCII));
    }
    tls.clientChecks().crlPem().ifPresent(crls::add);
    return ClientCertificateTrust.of(caPem, tls.clientChecks(), crls);
  }

  private static String crlSource(ServerTls tls) {
    return tls.clientChecks().crlFile().map(f -> " or the CRL file " + f).orElse("")
        + tls.clientChecks().crlSecret().map(s -> " or the CRL of Secret " + s).orElse("");
  }

  private static InputStream pem(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
