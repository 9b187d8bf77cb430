package io.canarymesh.testing.kubectl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real {@code /usr/bin/kubectl} as a user would, in a working directory (so file names in
 * messages are the short ones a user types), with one kubeconfig and one discovery cache:
 *
 * <pre>{@code kubectl --kubeconfig <file> --cache-dir <dir> <args...>}</pre>
 *
 * <p>{@code KUBECONFIG} is removed from the environment and {@code TZ} is UTC, so nothing from the
 * machine leaks into the output. Output goes to files, so a chatty kubectl never blocks on a pipe.
 */
public final class Kubectl {
  public static final Path BINARY = Path.of("/usr/bin/kubectl");
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path kubeconfig;
  private final Path cacheDir;
  private final Path workingDir;
  private final Path outputDir;
  private final AtomicInteger runs;

  private Kubectl(
      Path kubeconfig, Path cacheDir, Path workingDir, Path outputDir, AtomicInteger runs) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
    this.workingDir = workingDir;
    this.outputDir = outputDir;
    this.runs = runs;
  }

  /** A kubectl whose discovery cache and captured output live under {@code scratch}. */
  public static Kubectl create(Path kubeconfig, Path workingDir, Path scratch) {
    requireNonNull(kubeconfig, "kubeconfig");
    requireNonNull(workingDir, "workingDir");
    try {
      Path cache = Files.createDirectories(scratch.resolve("kubectl-cache"));
      Path output = Files.createDirectories(scratch.resolve("kubectl-output"));
      return new Kubectl(kubeconfig, cache, workingDir, output, new AtomicInteger());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same kubectl (same cache) run from {@code dir}. */
  public Kubectl in(Path dir) {
    return new Kubectl(kubeconfig, cacheDir, requireNonNull(dir, "dir"), outputDir, runs);
  }

  /** The same kubectl (same cache) with another kubeconfig, e.g. one with a wrong token. */
  public Kubectl withKubeconfig(Path file) {
    return new Kubectl(requireNonNull(file, "file"), cacheDir, workingDir, outputDir, runs);
  }

  /** Runs kubectl with an empty stdin and waits for it to exit. */
  public KubectlResult run(String... args) {
    return run(Optional.empty(), args);
  }

  /** Runs kubectl with {@code stdin} (for {@code -f -}) and waits for it to exit. */
  public KubectlResult runWithInput(String stdin, String... args) {
    return run(Optional.of(requireNonNull(stdin, "stdin")), args);
  }

  /** Starts kubectl and leaves it running, e.g. {@code get deployments -w}. */
  public KubectlProcess start(String... args) {
    KubectlProcess process = launch(args);
    process.closeInput();
    return process;
  }

  private KubectlResult run(Optional<String> stdin, String... args) {
    try (KubectlProcess process = launch(args)) {
      stdin.ifPresent(process::write);
      process.closeInput();
      if (!process.waitFor(TIMEOUT)) {
        throw new AssertionError(
            "kubectl %s did not exit within %s\n--- stdout ---\n%s--- stderr ---\n%s"
                .formatted(String.join(" ", args), TIMEOUT, process.stdout(), process.stderr()));
      }
      return new KubectlResult(process.exitCode(), process.stdout(), process.stderr());
    }
  }

  private KubectlProcess launch(String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(
        List.of("--kubeconfig", kubeconfig.toString(), "--cache-dir", cacheDir.toString()));
    command.addAll(List.of(args));
    int run = runs.incrementAndGet();
    Path stdout = outputDir.resolve(run + ".stdout");
    Path stderr = outputDir.resolve(run + ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("KUBECONFIG");
    environment.put("TZ", "UTC");
    try {
      return new KubectlProcess(builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A kubectl process and the files its output goes to. */
  public static final class KubectlProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private KubectlProcess(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** Everything kubectl has printed to stdout so far. */
    public String stdout() {
      return read(stdout);
    }

    /** Everything kubectl has printed to stderr so far. */
    public String stderr() {
      return read(stderr);
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    private void write(String input) {
      try {
        OutputStream in = process.getOutputStream();
        in.write(input.getBytes(UTF_8));
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write kubectl's stdin", e);
      }
    }

    private void closeInput() {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close kubectl's stdin", e);
      }
    }

    private boolean waitFor(Duration timeout) {
      try {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for kubectl", e);
      }
    }

    private int exitCode() {
      return process.exitValue();
    }

    /**
     * Stops kubectl (and the build the {@code /usr/bin/kubectl} dispatcher may have started as its
     * child) if it is still running.
     */
    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!waitFor(Duration.ofSeconds(10))) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read kubectl's output " + file, e);
      }
    }
  }
}
