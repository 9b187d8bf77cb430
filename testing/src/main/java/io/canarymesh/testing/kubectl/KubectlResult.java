package io.canarymesh.testing.kubectl;

import static java.util.Objects.requireNonNull;

/**
 * What one kubectl run left behind. A record, so a test compares all three at once and AssertJ
 * shows the difference: {@code assertThat(result).isEqualTo(KubectlResult.success("…"))}.
 */
public record KubectlResult(int exitCode, String stdout, String stderr) {

  public KubectlResult {
    requireNonNull(stdout, "stdout");
    requireNonNull(stderr, "stderr");
  }

  /** Exit 0, {@code stdout} as given, nothing on stderr. */
  public static KubectlResult success(String stdout) {
    return new KubectlResult(0, stdout, "");
  }

  /** Exit 1 (kubectl's code for every error), nothing on stdout, {@code stderr} as given. */
  public static KubectlResult failure(String stderr) {
    return new KubectlResult(1, "", stderr);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
  }
}
