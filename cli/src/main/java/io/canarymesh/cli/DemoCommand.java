package io.canarymesh.cli;

import io.canarymesh.cli.demo.DemoScript;
import io.canarymesh.cli.demo.Kubectl;
import io.canarymesh.cli.demo.KubectlEmulation;
import io.canarymesh.cli.demo.KubectlProcess;
import io.canarymesh.cli.demo.SeedManifests;
import io.canarymesh.cli.platform.Platform;
import io.canarymesh.cli.platform.PlatformClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canary demo}: the article's tutorial on a fresh platform, step by step, with the real
 * kubectl. Exits 0 only if every step behaved as the article describes, and leaves nothing running.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the article's tutorial on a fresh platform: a rolling update, a canary by pausing the",
      "rollout, resume and undo, then the mesh canary (70/30, then 0/100) through the ingress",
      "gateway. Prints each kubectl command and what it showed; exits 0 only if all behaved as",
      "the article describes."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--state-dir",
      description = "State directory for the demo's platform (default: a new temporary one).")
  Path stateDir;

  @Option(
      names = "--without-kubectl",
      description =
          "Drive the platform through its API with fabric8 even if kubectl is installed (used"
              + " by itself when kubectl is not on PATH).")
  boolean withoutKubectl;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Path> kubectl = withoutKubectl ? Optional.empty() : KubectlProcess.find();
    boolean temporary = stateDir == null;
    Path dir = temporary ? temporaryDir() : stateDir.toAbsolutePath();
    try (Platform platform =
        Platform.start(
            dir.resolve("platform"), new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
      out.println("Platform started; kubectl talks to it through " + platform.kubeconfig());
      Path manifests = SeedManifests.writeTo(dir.resolve("manifests"));
      out.println("The article's manifests are in " + manifests);
      if (kubectl.isPresent()) {
        Kubectl real = new KubectlProcess(kubectl.get(), platform.kubeconfig(), manifests, out);
        new DemoScript(real, out).run();
      } else {
        out.println(
            "kubectl is not used: each command is done through the API with fabric8, and"
                + " printed as kubectl would print it");
        try (KubernetesClient client = PlatformClient.of(platform.kubeconfig())) {
          new DemoScript(new KubectlEmulation(client, manifests, out), out).run();
        }
      }
      return 0;
    } catch (DemoScript.StepFailed e) {
      err.println("canary demo: a step did not behave as the article describes: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      if (temporary) {
        deleteQuietly(dir);
      }
    }
  }

  private static Path temporaryDir() {
    try {
      return Files.createTempDirectory("canary-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
