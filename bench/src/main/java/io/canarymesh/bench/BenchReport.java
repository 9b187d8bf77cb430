package io.canarymesh.bench;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's numbers: a line per measurement for people, the same as JSON for the notes.
 *
 * @param startedAt ISO-8601 instant the run began
 * @param java the JVM's version, e.g. {@code 25+36-LTS}
 * @param cpus processors the JVM sees (the server and the clients share them)
 * @param loadAverageAtStart the system's one-minute load average when the run began: on a shared
 *     machine, a hint of how much of the CPUs this run actually had
 */
record BenchReport(
    String startedAt,
    String java,
    int cpus,
    double loadAverageAtStart,
    BenchConfigView config,
    Throughput create,
    Throughput update,
    List<FanOutResult> watchFanOut) {

  /** The configuration as plain numbers (a {@code Duration} would serialise as an object). */
  record BenchConfigView(
      int writerThreads,
      int warmUpObjectsPerThread,
      int objectsPerThread,
      int payloadBytes,
      long writePhaseLimitSeconds,
      int watchers,
      List<String> fanOutStages,
      long fanOutLimitSeconds) {

    static BenchConfigView of(BenchConfig config) {
      return new BenchConfigView(
          config.writerThreads(),
          config.warmUpObjectsPerThread(),
          config.objectsPerThread(),
          config.payloadBytes(),
          config.writePhaseLimit().toSeconds(),
          config.watchers(),
          config.fanOutStages().stream().map(FanOutStage::text).toList(),
          config.fanOutLimit().toSeconds());
    }
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        ("apiserver bench (java %s, %d cpus, load average %.2f at start, server and clients in"
                + " one JVM, after %d untimed creates and updates)")
            .formatted(
                java,
                cpus,
                loadAverageAtStart,
                config.writerThreads() * config.warmUpObjectsPerThread()));
    lines.add(create.text());
    lines.add(update.text());
    watchFanOut.forEach(stage -> lines.add(stage.text()));
    return lines;
  }

  void writeJson(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, new KubernetesSerialization().asJson(this) + "\n");
  }
}
