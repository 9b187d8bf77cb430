package io.canarymesh.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pid files of container processes: line 1 the pid, line 2 the process's command line. A runtime
 * killed with -9 leaves its pods' processes running; the next runtime kills each one whose pid is
 * still alive <em>and</em> still runs the recorded command line (a reused pid is left alone).
 */
final class PidFiles {
  private static final Logger log = LoggerFactory.getLogger(PidFiles.class);

  private PidFiles() {}

  static void write(Path file, ProcessHandle process) throws IOException {
    String commandLine = process.info().commandLine().orElse("");
    Files.writeString(file, process.pid() + "\n" + commandLine + "\n", StandardCharsets.UTF_8);
  }

  /** Kills the recorded processes under {@code podsDir} that still run; returns their pids. */
  static List<Long> killOrphans(Path podsDir) {
    List<Long> killed = new ArrayList<>();
    if (!Files.isDirectory(podsDir)) {
      return killed;
    }
    try (Stream<Path> files = Files.walk(podsDir, 2)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        killIfRecorded(file).ifPresent(killed::add);
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      log.warn("cannot scan {} for processes left by an earlier run: {}", podsDir, e.toString());
    }
    return killed;
  }

  private static Optional<Long> killIfRecorded(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.size() < 2 || lines.get(1).isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()
        || !process.get().isAlive()
        || !lines.get(1).equals(process.get().info().commandLine().orElse(""))) {
      return Optional.empty();
    }
    log.info("killing process {} left running by an earlier runtime ({})", pid, file);
    process.get().descendants().forEach(ProcessHandle::destroyForcibly);
    process.get().destroyForcibly();
    return Optional.of(pid);
  }
}
