package io.canarymesh.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One persistent connection that sends requests and reads Content-Length framed responses. */
final class KeepAliveClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;

  KeepAliveClient(InetSocketAddress address) throws IOException {
    this(address, null);
  }

  /** A connection from {@code local} (any 127.0.0.0/8 address on Linux), as a pod's would be. */
  KeepAliveClient(InetSocketAddress address, java.net.InetAddress local) throws IOException {
    socket =
        local == null
            ? new Socket(address.getAddress(), address.getPort())
            : new Socket(address.getAddress(), address.getPort(), local, 0);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
  }

  /** Sends {@code GET path} and returns the response head and body. */
  String get(String path) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
