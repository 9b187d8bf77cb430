package io.canarymesh.cli.platform;

import io.canarymesh.cli.demo.Kubectl;
import io.canarymesh.cli.demo.KubectlProcess;
import io.canarymesh.cli.demo.SeedManifests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A whole platform for one test class, in this JVM, on loopback, with the real kubectl and the
 * article's manifests written next to it. What kubectl printed collects in {@link #transcript()}.
 */
final class RunningPlatform implements AutoCloseable {
  private final Platform platform;
  private final Path manifests;
  private final StringWriter transcript = new StringWriter();
  private final PrintWriter out = new PrintWriter(transcript, true);

  RunningPlatform(Path dir) throws Exception {
    platform =
        Platform.start(
            dir.resolve("platform"), new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
    manifests = SeedManifests.writeTo(dir.resolve("manifests"));
    Files.createDirectories(manifests);
  }

  Kubectl kubectl() {
    Path executable =
        KubectlProcess.find()
            .orElseThrow(() -> new IllegalStateException("kubectl is not on PATH"));
    return new KubectlProcess(executable, platform.kubeconfig(), manifests, out);
  }

  Path manifests() {
    return manifests;
  }

  PrintWriter out() {
    return out;
  }

  String transcript() {
    return transcript.toString();
  }

  InetSocketAddress ingress() {
    return platform.ingressAddress();
  }

  @Override
  public void close() {
    platform.close();
  }
}
