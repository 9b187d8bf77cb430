package io.canarymesh.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl against the platform, as the user would type it, echoing the command and
 * streaming what it prints (so a waiting {@code rollout status} shows its progress lines live).
 */
public final class KubectlProcess implements Kubectl {
  private static final long TIMEOUT_SECONDS = 180;

  private final Path executable;
  private final Path kubeconfig;
  private final Path workDir;
  private final PrintWriter out;

  public KubectlProcess(Path executable, Path kubeconfig, Path workDir, PrintWriter out) {
    this.executable = executable;
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
    this.out = out;
  }

  /** kubectl from {@code PATH}, if installed. */
  public static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Override
  public Result run(String... args) {
    out.println("$ kubectl " + String.join(" ", args));
    out.flush();
    return execute(true, args);
  }

  @Override
  public Result runQuietly(String... args) {
    return execute(false, args);
  }

  private Result execute(boolean echo, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    // kubectl's discovery cache lives with the demo, not in the user's home
    builder.environment().put("KUBECACHEDIR", workDir.resolve(".kube-cache").toString());
    StringBuilder output = new StringBuilder();
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.append(line).append('\n');
          if (echo) {
            out.println("  " + line);
            out.flush();
          }
        }
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + "(timed out)");
      }
      return new Result(process.exitValue(), output.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, output + "(interrupted)");
    }
  }
}
