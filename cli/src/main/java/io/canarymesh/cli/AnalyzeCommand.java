package io.canarymesh.cli;

import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.analysis.Analyzer;
import io.canarymesh.model.analysis.Finding;
import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.canarymesh.model.defaults.Defaults;
import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.ObjectValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code canary analyze}: what the platform would say to these manifests, without applying them —
 * strict decoding, defaulting and validation per resource (as the API server admits them), then
 * cross-resource analysis over the whole set (as {@code istioctl analyze} does).
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Check manifests as the platform would admit them: strict decoding, defaults, validation,"
          + " then cross-resource analysis (dangling gateways, subsets, hosts, ports).",
      "Files are taken in order, as `kubectl apply -f` would apply them: a later manifest of the"
          + " same resource replaces an earlier one in the analysis.",
      "Exit status: 0 when nothing is invalid (warnings allowed), 1 when something is."
    })
final class AnalyzeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Manifest files or directories.")
  List<Path> paths;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description = "Namespace for resources that name none (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** What was seen: resources checked, invalid ones, and the valid ones by identity. */
  private final Map<String, HasMetadata> admitted = new LinkedHashMap<>();

  private int checked;
  private int invalid;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files;
    try {
      files = ManifestFiles.expand(paths);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    ManifestDecoder decoder = new ManifestDecoder(KindRegistry.standard());
    files.forEach(file -> checkFile(file, decoder, out));
    List<Finding> findings = Analyzer.analyze(new ArrayList<>(admitted.values()));
    findings.forEach(out::println);
    long errors = findings.stream().filter(f -> f.level() == Finding.Level.ERROR).count();
    long warnings = findings.stream().filter(f -> f.level() == Finding.Level.WARNING).count();
    out.printf(
        "%d resources checked in %d files: %d invalid, %d analysis errors, %d warnings%n",
        checked, files.size(), invalid, errors, warnings);
    out.flush();
    return invalid == 0 && errors == 0 ? 0 : 1;
  }

  private void checkFile(Path file, ManifestDecoder decoder, PrintWriter out) {
    DecodeResult decoded;
    try {
      decoded = decoder.decode(Files.readString(file));
    } catch (IOException e) {
      out.println(file + ": error: cannot read: " + e.getMessage());
      invalid++;
      return;
    }
    for (DecodeError error : decoded.errors()) {
      out.println(file + ": error: " + error.describe());
    }
    if (!decoded.ok()) {
      invalid++; // an undecodable document, or an unknown field, spoils the file (strict, as
      // kubectl)
      return;
    }
    decoded.resources().forEach(resource -> checkResource(file, resource, out));
  }

  private void checkResource(Path file, DecodedResource resource, PrintWriter out) {
    checked++;
    HasMetadata object = resource.object();
    if (resource.kind().namespaced() && object.getMetadata().getNamespace() == null) {
      object.getMetadata().setNamespace(namespace);
    }
    Defaults.apply(object);
    List<FieldError> errors = ObjectValidator.validate(object);
    String name = resource.kind().qualifiedSingular() + "/" + object.getMetadata().getName();
    if (!errors.isEmpty()) {
      invalid++;
      out.println(file + ": " + name + " invalid:");
      errors.forEach(error -> out.println("  * " + error.message()));
      return;
    }
    out.println(file + ": " + name + " valid");
    admitted.put(name + " in " + object.getMetadata().getNamespace(), object);
  }
}
