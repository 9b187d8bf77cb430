package io.canarymesh.apiserver.kubectl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.canarymesh.apiserver.ControlPlane;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.ResourceKey;
import io.canarymesh.testing.MutableClock;
import io.canarymesh.testing.kubectl.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One test's control plane on 127.0.0.1:0 and a kubectl pointed at it (through the kubeconfig the
 * control plane wrote), with a fresh discovery cache. The server's clock is a {@link MutableClock}
 * that starts on a whole second, so AGE columns read exactly what the test advanced it by.
 *
 * <p>Layout of {@code dir}: {@code state/} (the state directory), {@code manifests/} (files a test
 * writes), {@code kubectl-cache/} and {@code kubectl-output/}.
 */
final class KubectlCluster implements AutoCloseable {
  /** The article's manifests, relative to the module directory the build runs tests in. */
  static final Path SEED = Path.of("..", "scenarios", "seed").toAbsolutePath().normalize();

  static final String NAMESPACE = "default";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path dir;
  private final MutableClock clock;
  private final ControlPlane controlPlane;
  private final Kubectl kubectl;

  private KubectlCluster(Path dir, MutableClock clock, ControlPlane controlPlane) {
    this.dir = dir;
    this.clock = clock;
    this.controlPlane = controlPlane;
    this.kubectl = Kubectl.create(controlPlane.kubeconfig(), SEED, dir);
  }

  /**
   * Starts a control plane in {@code dir}/state, reusing the CA, serving certificate and token in
   * {@code credentials} (a state directory that has them) instead of generating new ones.
   */
  static KubectlCluster start(Path dir, Path credentials) {
    requireNonNull(dir, "dir");
    requireNonNull(credentials, "credentials");
    Path state = dir.resolve("state");
    copyTree(credentials, state);
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    ControlPlane controlPlane =
        ControlPlane.start(state, new InetSocketAddress("127.0.0.1", 0), clock);
    return new KubectlCluster(dir, clock, controlPlane);
  }

  /**
   * kubectl, run from the seed directory: {@code kubectl().run("apply", "-f", "micro-api.yaml")}.
   */
  Kubectl kubectl() {
    return kubectl;
  }

  MutableClock clock() {
    return clock;
  }

  ObjectStore store() {
    return controlPlane.store();
  }

  /** The store's revision: unchanged across a command means the command wrote nothing. */
  long revision() {
    return store().currentRevision();
  }

  /** The object {@code name} of {@code resource} (e.g. {@code apps/deployments}) in default. */
  Optional<ObjectNode> find(String resource, String name) {
    return find(resource, NAMESPACE, name);
  }

  Optional<ObjectNode> find(String resource, String namespace, String name) {
    return store().get(new ResourceKey(resource, namespace, name));
  }

  ObjectNode stored(String resource, String name) {
    return find(resource, name)
        .orElseThrow(() -> new AssertionError(resource + " " + name + " is not in the store"));
  }

  /** The names of the stored objects of {@code resource} in the default namespace. */
  List<String> storedNames(String resource) {
    return store().list(resource, Optional.of(NAMESPACE)).items().stream()
        .map(item -> item.path("metadata").path("name").asText())
        .toList();
  }

  /** Writes {@code yaml} to {@code manifests/fileName}, the directory {@link #manifests()}. */
  void writeManifest(String fileName, String yaml) {
    try {
      Files.writeString(Files.createDirectories(manifests()).resolve(fileName), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where {@link #writeManifest} puts files: run {@code kubectl().in(manifests())}. */
  Path manifests() {
    return dir.resolve("manifests");
  }

  /**
   * A copy of the kubeconfig whose user has {@code token} instead of the server's, or no
   * credentials at all when empty.
   */
  Path kubeconfigWithToken(Optional<String> token) {
    try {
      ObjectNode config = (ObjectNode) YAML.readTree(controlPlane.kubeconfig().toFile());
      ObjectNode user = (ObjectNode) config.path("users").path(0).path("user");
      user.remove("token");
      token.ifPresent(value -> user.put("token", value));
      Path file = dir.resolve(token.isPresent() ? "kubeconfig-other-token" : "kubeconfig-no-token");
      YAML.writeValue(file.toFile(), config);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      controlPlane.close();
    } finally {
      deleteTree(dir);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Files.copy(source, to.resolve(from.relativize(source).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
