package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.ServerTls;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A golden case's input manifests ({@code src/test/resources/golden/<name>/input.yaml}), for tests
 * that look at one part of the compiled table rather than its whole text.
 */
record GoldenCase(List<HasMetadata> resources) {
  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  static GoldenCase load(String name) {
    Path input = Path.of("src/test/resources/golden", name, "input.yaml");
    try {
      return new GoldenCase(
          DECODER.decode(Files.readString(input)).resources().stream()
              .map(DecodedResource::object)
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MeshInputs inputs(List<HasMetadata> resources) {
    return MeshInputs.builder().version(1).addAll(resources).build();
  }

  static RouteTable compile(List<HasMetadata> resources) {
    return MeshCompiler.compile(inputs(resources)).table();
  }

  /** The TLS settings of the listener on {@code port}; fails when there is no such listener. */
  static Optional<ServerTls> tlsOf(RouteTable table, int port) {
    return table.listeners().stream()
        .filter(l -> l.port() == port)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no listener on " + port))
        .tls();
  }

  Secret secret(String name) {
    return resources.stream()
        .filter(r -> r instanceof Secret && r.getMetadata().getName().equals(name))
        .map(Secret.class::cast)
        .findFirst()
        .orElseThrow();
  }
}
