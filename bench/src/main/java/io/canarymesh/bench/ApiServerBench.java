package io.canarymesh.bench;

import io.canarymesh.apiserver.ControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts a control plane in a temporary directory on a free loopback port and measures, with
 * fabric8 clients over HTTPS: ConfigMap creates/s and updates/s from concurrent threads, then the
 * delivery latency of paced updates to many watchers. Prints one line per measurement and writes
 * the same as JSON to {@code bench/target/apiserver-bench.json} (or {@code -Dbench.report=FILE}).
 */
public final class ApiServerBench {
  private static final String WARM_UP_NAMESPACE = "bench-warm-up";
  private static final String WRITES_NAMESPACE = "bench-writes";
  private static final String FAN_OUT_NAMESPACE = "bench-fanout";

  private ApiServerBench() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    Path report = Path.of(System.getProperty("bench.report", defaultReportPath()));
    Path stateDir = Files.createTempDirectory("canary-bench-");
    try {
      BenchReport result = run(config, stateDir);
      result.lines().forEach(System.out::println);
      result.writeJson(report);
      System.out.println("report: " + report.toAbsolutePath().normalize());
    } finally {
      deleteRecursively(stateDir);
    }
  }

  static BenchReport run(BenchConfig config, Path stateDir) throws InterruptedException {
    String startedAt = Instant.now().toString();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try (ControlPlane plane =
            ControlPlane.start(stateDir, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
        KubernetesClient writer = BenchClients.fromKubeconfig(plane.kubeconfig());
        KubernetesClient watching = BenchClients.fromKubeconfig(plane.kubeconfig())) {
      createNamespace(writer, WARM_UP_NAMESPACE);
      createNamespace(writer, WRITES_NAMESPACE);
      createNamespace(writer, FAN_OUT_NAMESPACE);
      writeAll(writer, WARM_UP_NAMESPACE, config, config.warmUpObjectsPerThread());
      Writes writes = writeAll(writer, WRITES_NAMESPACE, config, config.objectsPerThread());
      List<FanOutResult> fanOut = new ArrayList<>();
      for (FanOutStage stage : config.fanOutStages()) {
        fanOut.add(FanOutPhase.run(writer, watching, FAN_OUT_NAMESPACE, config, stage));
      }
      return new BenchReport(
          startedAt,
          Runtime.version().toString(),
          Runtime.getRuntime().availableProcessors(),
          load,
          BenchReport.BenchConfigView.of(config),
          writes.create(),
          writes.update(),
          fanOut);
    }
  }

  private record Writes(Throughput create, Throughput update) {}

  /** Creates {@code perThread} ConfigMaps from each writer thread, then updates each once. */
  private static Writes writeAll(
      KubernetesClient client, String namespace, BenchConfig config, int perThread)
      throws InterruptedException {
    ConfigMapWrites writes = new ConfigMapWrites(client, namespace, config, perThread);
    long limit = config.writePhaseLimit().toNanos();
    int threads = config.writerThreads();
    Throughput create = WritePhase.run("create", threads, perThread, limit, writes::create);
    Throughput update =
        WritePhase.run("update", threads, writes.createdPerThread(), limit, writes::update);
    return new Writes(create, update);
  }

  private static void createNamespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** {@code bench/target/…} whether started from the repository root or from {@code bench/}. */
  private static String defaultReportPath() {
    Path file = Path.of("target", "apiserver-bench.json");
    return Files.isDirectory(Path.of("bench"))
        ? Path.of("bench").resolve(file).toString()
        : file.toString();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the bench state directory " + dir, e);
    }
  }
}
