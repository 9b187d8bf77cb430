package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * Envoy's {@code x-forwarded-client-cert} as an Istio gateway sets it ({@code
 * forward_client_cert_details: SANITIZE_SET} with subject, URI and DNS): a client's own header is
 * always dropped, and a connection that presented a client certificate (a MUTUAL or OPTIONAL_MUTUAL
 * listener) gets one describing it, {@code Hash=<hex SHA-256 of the DER>;Subject="<RFC 2253>";
 * URI=<each URI SAN, or empty>;DNS=<each DNS SAN>}. No {@code By}: Envoy adds it only when its own
 * certificate has a URI SAN, and ours has none. Values are written as Envoy writes them, unescaped.
 * Worked out once per connection and kept on the channel: every request on it sends the same.
 */
final class ClientCertHeader {
  static final AsciiString X_FORWARDED_CLIENT_CERT = AsciiString.cached("x-forwarded-client-cert");
  private static final AttributeKey<String> VALUE = AttributeKey.valueOf("canary.xfcc");
  private static final int DNS = 2;
  private static final int URI = 6;

  private ClientCertHeader() {}

  /** Replaces any {@code x-forwarded-client-cert} in {@code headers} with {@code channel}'s. */
  static void apply(Channel channel, HttpHeaders headers) {
    headers.remove(X_FORWARDED_CLIENT_CERT);
    String value = of(channel);
    if (!value.isEmpty()) {
      headers.set(X_FORWARDED_CLIENT_CERT, value);
    }
  }

  /** The header for {@code channel}'s connection (an HTTP/2 stream's parent); empty for none. */
  static String of(Channel channel) {
    Channel connection = channel instanceof Http2StreamChannel stream ? stream.parent() : channel;
    String cached = connection.attr(VALUE).get();
    if (cached == null) {
      cached = describe(connection);
      connection.attr(VALUE).set(cached);
    }
    return cached;
  }

  private static String describe(Channel connection) {
    SslHandler ssl = connection.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return "";
    }
    Certificate[] presented;
    try {
      presented = ssl.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException none) {
      return "";
    }
    return presented.length > 0 && presented[0] instanceof X509Certificate leaf ? format(leaf) : "";
  }

  /** The header value for {@code leaf}. */
  static String format(X509Certificate leaf) {
    StringBuilder value =
        new StringBuilder("Hash=")
            .append(ClientCertificateTrust.certificateSha256(leaf))
            .append(";Subject=\"")
            .append(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253))
            .append('"');
    List<String> uris = sans(leaf, URI);
    if (uris.isEmpty()) {
      value.append(";URI="); // Envoy keeps the key when there is no URI SAN
    }
    uris.forEach(uri -> value.append(";URI=").append(uri));
    sans(leaf, DNS).forEach(dns -> value.append(";DNS=").append(dns));
    return value.toString();
  }

  private static List<String> sans(X509Certificate leaf, int type) {
    Collection<List<?>> names;
    try {
      names = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return names == null
        ? List.of()
        : names.stream()
            .filter(name -> (Integer) name.get(0) == type)
            .map(name -> String.valueOf(name.get(1)))
            .toList();
  }
}
