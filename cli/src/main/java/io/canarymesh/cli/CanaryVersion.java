package io.canarymesh.cli;

import picocli.CommandLine;

/** The version printed by {@code canary --version}: the jar's implementation version. */
final class CanaryVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = CanaryCommand.class.getPackage().getImplementationVersion();
    return new String[] {"canary " + (version == null ? "development build" : version)};
  }
}
