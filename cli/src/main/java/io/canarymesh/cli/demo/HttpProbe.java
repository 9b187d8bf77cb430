package io.canarymesh.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What {@code curl -H "Host: …" http://address/path} does, one connection per request: the demo
 * needs to set the Host header (which java.net.http forbids) and nothing else of a client.
 */
public final class HttpProbe {
  private static final int TIMEOUT_MILLIS = 10_000;

  private HttpProbe() {}

  /**
   * A response's status code and body; status 0 means the request failed ({@code body} says why).
   */
  public record Response(int status, String body) {
    public boolean ok() {
      return status == 200;
    }
  }

  public static Response get(InetSocketAddress address, String host, String path) {
    try (Socket socket = new Socket()) {
      socket.connect(address, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(socket.getInputStream());
    } catch (IOException e) {
      return new Response(0, e.toString());
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int lineEnd = text.indexOf("\r\n");
    int headersEnd = text.indexOf("\r\n\r\n");
    if (lineEnd < 0 || headersEnd < 0 || !text.startsWith("HTTP/1.")) {
      return new Response(0, "malformed response: " + text);
    }
    String[] statusLine = text.substring(0, lineEnd).split(" ", 3);
    String body = text.substring(headersEnd + 4);
    if (text.substring(0, headersEnd)
        .toLowerCase(java.util.Locale.ROOT)
        .contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Response(Integer.parseInt(statusLine[1]), body);
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}
