package io.canarymesh.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of a container: a child process with its stdout and stderr appended to the container's
 * log (the previous run's log moved aside first), and a pid file naming it until it exits.
 */
final class ContainerProcess {
  private final Process process;
  private final PodFiles files;
  private final String container;
  private final Instant startedAt;

  private ContainerProcess(Process process, PodFiles files, String container, Instant startedAt) {
    this.process = process;
    this.files = files;
    this.container = container;
    this.startedAt = startedAt;
  }

  /**
   * @throws IOException when the command cannot be started (no such file, not executable)
   */
  static ContainerProcess start(
      List<String> commandLine,
      Map<String, String> env,
      PodFiles files,
      String container,
      Instant now)
      throws IOException {
    Files.createDirectories(files.dir());
    if (Files.exists(files.log(container))) {
      Files.move(
          files.log(container), files.previousLog(container), StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder builder = new ProcessBuilder(commandLine);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.directory(files.dir().toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.log(container).toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    PidFiles.write(files.pidFile(container), process.toHandle());
    return new ContainerProcess(process, files, container, now);
  }

  long pid() {
    return process.pid();
  }

  Instant startedAt() {
    return startedAt;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The exit code once exited; 128 + signal for a process killed by a signal (137 for -9). */
  int exitCode() {
    return process.exitValue();
  }

  void onExit(Runnable action) {
    process.onExit().thenRun(action);
  }

  /** Waits until the process has exited (after {@link #kill}, a matter of milliseconds). */
  void awaitExit() {
    process.onExit().join();
  }

  /** Waits at most {@code timeout} for the process to exit (the SIGKILL timer). */
  void awaitExit(java.time.Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      return;
    }
    try {
      process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM to the container's main process, as the kubelet sends to PID 1. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL to the process and everything it started. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** After exit: the pid file goes, and any process the container left behind is killed. */
  void cleanUp() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    try {
      Files.deleteIfExists(files.pidFile(container));
    } catch (IOException e) {
      // a stale pid file is checked against the command line before anything is killed
    }
  }
}
