package io.canarymesh.cli.demo;

/**
 * kubectl as the demo uses it: the real one when it is installed ({@link KubectlProcess}), else the
 * same operations through the API with fabric8 ({@link KubectlEmulation}).
 */
public interface Kubectl {
  /** What one command printed (stdout and stderr interleaved as lines) and its exit code. */
  record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs a command as the user would type it, echoed with its output. */
  Result run(String... args);

  /** Runs a command the script uses only to decide when to go on; nothing is printed. */
  Result runQuietly(String... args);
}
