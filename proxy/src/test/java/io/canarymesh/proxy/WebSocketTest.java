package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A WebSocket upgrade passes through; the tunnel then relays bytes both ways until closed. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class WebSocketTest {

  /** Accepts one connection, answers 101 to its upgrade, then echoes bytes in upper case. */
  private static Thread upgradingEcho(ServerSocket server) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                OutputStream out = socket.getOutputStream();
                if (!head.toLowerCase(Locale.ROOT).contains("upgrade: websocket")) {
                  out.write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n".getBytes());
                  return;
                }
                out.write(
                    ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] buffer = new byte[1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                  out.write(
                      new String(buffer, 0, n, StandardCharsets.US_ASCII)
                          .toUpperCase(Locale.ROOT)
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                }
              } catch (IOException e) {
                // the test closed it
              }
            });
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void upgradesAndRelaysBytesBothWays() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Backend unused = new Backend("unused")) {
      Thread echo = upgradingEcho(upstream);
      try (ProxyFixture proxy =
              new ProxyFixture(
                  Tables.compile(
                      1,
                      Tables.gatewayYaml(
                          upstream.getLocalPort(), unused.port(), Tables.ALL_TO_V1, "")));
          Socket client = new Socket()) {
        InetSocketAddress address = proxy.address();
        client.connect(address);
        client.setSoTimeout(10_000);
        client
            .getOutputStream()
            .write(
                ("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(client.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
        for (String word : new String[] {"hello", "tunnel"}) {
          client.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
          byte[] answer = client.getInputStream().readNBytes(word.length());
          assertThat(new String(answer, StandardCharsets.US_ASCII))
              .isEqualTo(word.toUpperCase(Locale.ROOT));
        }
        client.close(); // ends the tunnel: the request is recorded with its 101
        proxy.metricsContaining("response_code=\"101\"");
      }
      echo.join(10_000);
    }
  }

  @Test
  void anUpgradeTowardAnHttp2ClusterIsRefusedWith501AndNeverSentUpstream() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    Tables.gatewayYaml(
                        upstream.getLocalPort(),
                        upstream.getLocalPort(),
                        Tables.ALL_TO_V1,
                        """
                        trafficPolicy:
                          connectionPool:
                            http: {h2UpgradePolicy: UPGRADE}
                        """)));
        Socket client = new Socket()) {
      client.connect(proxy.address());
      client.setSoTimeout(10_000);
      client
          .getOutputStream()
          .write(
              ("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 501");
      upstream.setSoTimeout(200);
      assertThatThrownBy(upstream::accept)
          .as("nothing reaches the upstream")
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }
}
