package io.canarymesh.apiserver.kubectl;

import io.canarymesh.apiserver.security.ServerCredentials;
import io.canarymesh.testing.kubectl.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test (and its {@code @BeforeEach} methods) one {@link KubectlCluster}, closed and
 * deleted after the test. Generating a CA and a serving certificate is the slow part of a start, so
 * they are generated once per run and copied into each test's state directory.
 */
final class KubectlClusterExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubectlClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubectlCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (!Files.isExecutable(Kubectl.BINARY)) {
      throw new ParameterResolutionException(
          "these tests drive the real kubectl, and there is none at " + Kubectl.BINARY);
    }
    SharedCredentials credentials =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                SharedCredentials.class,
                key -> SharedCredentials.create(),
                SharedCredentials.class);
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            KubectlCluster.class,
            key -> KubectlCluster.start(temporaryDirectory("kubectl-it-"), credentials.dir()),
            KubectlCluster.class);
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A state directory holding only credentials, deleted when the run ends. */
  private record SharedCredentials(Path dir) implements AutoCloseable {
    static SharedCredentials create() {
      Path dir = temporaryDirectory("kubectl-it-credentials-");
      ServerCredentials.loadOrCreate(dir, Clock.systemUTC());
      return new SharedCredentials(dir);
    }

    @Override
    public void close() throws IOException {
      KubectlCluster.deleteTree(dir);
    }
  }
}
