package io.canarymesh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code canary} command: one entry point, a subcommand per job. */
@Command(
    name = "canary",
    mixinStandardHelpOptions = true,
    versionProvider = CanaryVersion.class,
    description =
        "Canary Mesh: canary releases for microservices, Kubernetes- and Istio-compatible.",
    subcommands = {
      DemoCommand.class,
      UpCommand.class,
      GatewayCommand.class,
      AnalyzeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CanaryCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  static CommandLine commandLine() {
    return new CommandLine(new CanaryCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
