package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw bytes a client may send, and what the proxy answers (never the backend). */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class BadInputTest {
  private Backend v1;
  private Backend v2;
  private ProxyFixture proxy;

  @BeforeEach
  void start() throws Exception {
    v1 = new Backend("v1");
    v2 = new Backend("v2");
    proxy =
        new ProxyFixture(
            Tables.compile(1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")),
            builder ->
                builder
                    .maxRequestHeadersBytes(8192)
                    .maxRequestBodyBytes(1000)
                    .requestHeadersTimeout(Duration.ofMillis(300)));
  }

  @AfterEach
  void stop() {
    proxy.close();
    v1.close();
    v2.close();
  }

  private String send(String raw) throws IOException {
    return RawHttp.exchange(proxy.address(), raw);
  }

  @Test
  void malformedRequestLineGets400() throws Exception {
    String response = send("THIS IS NOT HTTP\r\n\r\n");
    assertThat(RawHttp.status(response)).isEqualTo(400);
    assertThat(response).containsIgnoringCase("connection: close");
    assertThat(v1.requests).hasValue(0);
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    String response =
        send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
    assertThat(RawHttp.status(response)).isEqualTo(431);
    assertThat(v1.requests).hasValue(0);
  }

  @Test
  void bodyOverTheLimitGets413() throws Exception {
    String declared =
        send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "b".repeat(5000));
    assertThat(RawHttp.status(declared)).isEqualTo(413);
    String chunked =
        send(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7d0\r\n"
                + "c".repeat(2000)
                + "\r\n0\r\n\r\n");
    assertThat(RawHttp.status(chunked)).isEqualTo(413);
    assertThat(
            send(
                "POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"))
        .endsWith("v1|POST|/ok|3");
  }

  @Test
  void contentLengthWithTransferEncodingGets400AndIsNotForwarded() throws Exception {
    String response =
        send(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(RawHttp.status(response)).isEqualTo(400);
    assertThat(response).doesNotContain("smuggled");
    assertThat(v1.requests).hasValue(0);
  }

  @Test
  void invalidChunkSizeGets400() throws Exception {
    String response =
        send(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    assertThat(RawHttp.status(response)).isEqualTo(400);
  }

  @Test
  void slowHeadersGet408AndTheConnectionIsClosed() throws Exception {
    InetSocketAddress address = proxy.address();
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String response = RawHttp.readAll(in); // returns when the proxy closes
      assertThat(RawHttp.status(response)).isEqualTo(408);
    }
    // the proxy still serves others
    assertThat(RawHttp.body(RawHttp.get(address, "x", "/after"))).startsWith("v1|GET|/after");
  }
}
