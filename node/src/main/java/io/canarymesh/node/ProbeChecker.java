package io.canarymesh.node;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe check against a pod, as the kubelet does: HTTP GET passes on a status from 200 to
 * 399, TCP on a completed connect, exec on exit code 0, each within the probe's timeout.
 */
final class ProbeChecker {

  /** The outcome of one check, with the kubelet's wording for failures. */
  record Outcome(boolean passed, String message) {}

  private ProbeChecker() {}

  static Outcome check(ProbeSpec spec, String podIp, Map<String, String> env) {
    return switch (spec.action()) {
      case ProbeSpec.HttpGet http -> http(http, podIp, spec.timeout());
      case ProbeSpec.TcpSocket tcp -> tcp(tcp, podIp, spec.timeout());
      case ProbeSpec.Exec exec -> exec(exec, env, spec.timeout());
    };
  }

  private static Outcome http(ProbeSpec.HttpGet http, String podIp, Duration timeout) {
    if (http.unresolved().isPresent()) {
      return new Outcome(false, "Get: " + http.unresolved().get());
    }
    String host = http.host().orElse(podIp);
    String url =
        http.scheme().toLowerCase(java.util.Locale.ROOT)
            + "://"
            + host
            + ":"
            + http.port()
            + (http.path().startsWith("/") ? http.path() : "/" + http.path());
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setRequestProperty("User-Agent", "kube-probe/1.32");
      connection.setUseCaches(false);
      for (var header : http.headers().entrySet()) {
        connection.setRequestProperty(header.getKey(), header.getValue());
      }
      int status = connection.getResponseCode();
      if (status >= 200 && status < 400) {
        return new Outcome(true, "");
      }
      return new Outcome(false, "HTTP probe failed with statuscode: " + status);
    } catch (IOException | IllegalArgumentException e) {
      return new Outcome(false, "Get \"" + url + "\": " + e.getMessage());
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static Outcome tcp(ProbeSpec.TcpSocket tcp, String podIp, Duration timeout) {
    if (tcp.unresolved().isPresent()) {
      return new Outcome(false, "dial tcp: " + tcp.unresolved().get());
    }
    String host = tcp.host().orElse(podIp);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, tcp.port()), (int) timeout.toMillis());
      return new Outcome(true, "");
    } catch (IOException e) {
      return new Outcome(false, "dial tcp " + host + ":" + tcp.port() + ": " + e.getMessage());
    }
  }

  private static Outcome exec(ProbeSpec.Exec exec, Map<String, String> env, Duration timeout) {
    if (exec.command().isEmpty()) {
      return new Outcome(false, "exec: no command");
    }
    ProcessBuilder builder = new ProcessBuilder(exec.command());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = null;
    try {
      process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Outcome(false, "command timed out after " + timeout.toSeconds() + "s");
      }
      int code = process.exitValue();
      return code == 0
          ? new Outcome(true, "")
          : new Outcome(false, "command " + exec.command() + " exited with " + code);
    } catch (IOException e) {
      return new Outcome(false, "exec " + exec.command() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
