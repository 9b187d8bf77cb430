package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.RouteTableText;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resources in ({@code golden/<case>/input.yaml}), route table and diagnostics out ({@code
 * expected.txt} beside it). Run with {@code -Dgolden.update=true} to rewrite the expected files —
 * then read every changed one before committing.
 */
class GoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "article-70-30",
        "article-0-100",
        "bench",
        "dangling-subset",
        "missing-gateway",
        "host-wildcards",
        "match-ordering",
        "subset-policy-override",
        "service-entry-workload-entries",
        "gateway-credentials",
        "gateway-mutual-tls",
        "source-workloads",
        "upstream-protocols",
        "gateway-tls-passthrough",
        "gateway-tcp",
        "consistent-hash-ring-hash",
        "consistent-hash-maglev",
        "mesh-tcp",
      })
  void compilesAsExpected(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
    String actual = compile(Files.readString(dir.resolve("input.yaml")));
    Path expected = dir.resolve("expected.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expected));
  }

  /** The table as text, then the diagnostics, one a line. */
  static String compile(String yaml) {
    DecodeResult decoded = DECODER.decode(yaml);
    assertThat(decoded.errors()).extracting(DecodeError::describe).isEmpty();
    MeshInputs inputs =
        MeshInputs.builder()
            .version(1)
            .addAll(decoded.resources().stream().map(DecodedResource::object).toList())
            .build();
    CompileResult result = MeshCompiler.compile(inputs);
    String diagnostics =
        result.diagnostics().stream()
            .map(d -> d + "\n")
            .collect(Collectors.joining("", "\n# diagnostics\n", ""));
    return RouteTableText.render(result.table()) + diagnostics;
  }
}
