package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One Envoy-style access-log line per request, with the response flags. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class AccessLogTest {
  @Test
  void logsEachRequestWithItsFlagsAndUpstream() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.canarymesh.proxy.access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")),
                builder -> builder.accessLog(true))) {
      proxy.get("/logged?x=1", "x-request-id", "req-1");
      RawHttp.get(proxy.address(), "x", "/also");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> lines.list.size() == 2);
      // each line is written when its exchange ends, on the connection's event loop: two
      // connections may log in either order
      java.util.List<String> logged =
          lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(logged)
          .filteredOn(line -> line.contains("\"GET /logged?x=1 HTTP/1.1\" 200 - 0 "))
          .singleElement()
          .asString()
          .contains("\"req-1\"")
          .contains("\"127.0.0.1:" + v1.port() + "\" outbound|9090|v1|api.test");
      assertThat(logged)
          .filteredOn(line -> line.contains("\"GET /also HTTP/1.1\" 200 -"))
          .hasSize(1);
    } finally {
      logger.detachAppender(lines);
    }
  }

  @Test
  void logsEachTcpConnectionWithItsBytesServerNameAndFlags() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.canarymesh.proxy.access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try (TcpBackend a = TcpBackend.tls("A", "a.example.com");
        TcpBackend b = TcpBackend.tls("B", "b.example.com");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, TlsPassthroughTest.yaml(a, b)),
                builder -> builder.accessLog(true))) {
      int port = proxy.proxy.address(TlsPassthroughTest.LISTENER).getPort();
      TlsPassthroughTest.exchange(port, "a.example.com");
      TlsPassthroughTest.exchange(port, "nobody.example.com");
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> lines.list.size() == 2);
      java.util.List<String> logged =
          lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(logged)
          .filteredOn(line -> line.contains("\"a.example.com\""))
          .singleElement()
          .asString()
          .matches(".*\"- - -\" 0 - [1-9][0-9]* [1-9][0-9]* [0-9]+ .*")
          .contains("\"127.0.0.1:" + a.port() + "\" outbound|443||a.example.com 127.0.0.1:");
      assertThat(logged)
          .filteredOn(line -> line.contains("\"nobody.example.com\" \"-\" -"))
          .singleElement()
          .asString()
          .contains("\"- - -\" 0 NR ");
    } finally {
      logger.detachAppender(lines);
    }
  }
}
