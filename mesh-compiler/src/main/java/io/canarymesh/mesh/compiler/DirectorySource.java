package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Standalone mode's configuration source: a directory of Istio YAML or JSON ({@code *.yaml}, {@code
 * *.yml}, {@code *.json}, not recursive), compiled into a route table and compiled again whenever a
 * file changes (after a short debounce, so an editor's several writes make one reload). A file that
 * does not decode keeps the last good table; the errors name the file, document, line and field.
 */
public final class DirectorySource implements AutoCloseable {

  /** What a load produced. */
  public sealed interface Outcome {}

  /** A new table, with the compiler's diagnostics. */
  public record Loaded(RouteTable table, List<Diagnostic> diagnostics) implements Outcome {}

  /** The files did not decode; the previous table stays. Each error names its file. */
  public record Rejected(List<String> errors) implements Outcome {}

  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  private final Path directory;
  private final IngressGateway gateway;
  private final java.util.function.Consumer<Outcome> sink;
  private final Duration debounce;
  private final WatchService watcher;
  private final Thread thread;
  private long version;

  private DirectorySource(
      Path directory,
      IngressGateway gateway,
      java.util.function.Consumer<Outcome> sink,
      Duration debounce)
      throws IOException {
    this.directory = directory;
    this.gateway = gateway;
    this.sink = sink;
    this.debounce = debounce;
    this.watcher = FileSystems.getDefault().newWatchService();
    directory.register(
        watcher,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = Thread.ofPlatform().daemon().name("canary-config-watch").unstarted(this::watch);
  }

  /**
   * Loads {@code directory} once (the outcome goes to {@code sink} before this returns), then
   * reloads on every change until closed.
   *
   * @throws IOException when the directory cannot be watched
   */
  public static DirectorySource start(
      Path directory,
      IngressGateway gateway,
      java.util.function.Consumer<Outcome> sink,
      Duration debounce)
      throws IOException {
    requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IOException("config directory \"" + directory + "\" does not exist");
    }
    DirectorySource source =
        new DirectorySource(
            directory,
            requireNonNull(gateway, "gateway"),
            requireNonNull(sink, "sink"),
            requireNonNull(debounce, "debounce"));
    source.reload();
    source.thread.start();
    return source;
  }

  /** Reads, decodes and compiles every manifest of {@code directory}: a pure function of files. */
  public static Outcome load(Path directory, IngressGateway gateway, long version) {
    List<String> errors = new ArrayList<>();
    MeshInputs.Builder inputs = MeshInputs.builder().version(version).ingressGateway(gateway);
    for (Path file : manifests(directory, errors)) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        errors.add(file + ": cannot read: " + e.getMessage());
        continue;
      }
      DecodeResult decoded = DECODER.decode(text);
      for (DecodeError error : decoded.errors()) {
        errors.add(file + ": " + error.describe() + fieldOf(error));
      }
      inputs.addAll(decoded.resources().stream().map(DecodedResource::object).toList());
    }
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    CompileResult result = MeshCompiler.compile(inputs.build());
    return new Loaded(result.table(), result.diagnostics());
  }

  private static String fieldOf(DecodeError error) {
    return error.field().isEmpty() || error.message().contains(error.field())
        ? ""
        : " (field " + error.field() + ")";
  }

  private static List<Path> manifests(Path directory, List<String> errors) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return !name.startsWith(".")
                    && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      errors.add(directory + ": cannot list: " + e.getMessage());
      return List.of();
    }
  }

  private void reload() {
    sink.accept(load(directory, gateway, ++version));
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        key.pollEvents();
        key.reset();
        // debounce: wait until the directory has been quiet for a moment
        WatchKey more;
        while ((more = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          more.pollEvents();
          more.reset();
        }
        reload();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      // nothing left to release
    }
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
