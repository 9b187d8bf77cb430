package io.canarymesh.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The article's manifests, bundled in the distribution and written out for kubectl to apply. */
public final class SeedManifests {
  /** Every file, in the order the article uses them. */
  public static final List<String> FILES =
      List.of(
          "micro-api.yaml",
          "micro-api-canary.yaml",
          "micro-api-canary-istio-v1.yaml",
          "micro-api-canary-istio-v2.yaml",
          "micro-gateway.yaml",
          "virtual-service-all.yaml",
          "destination-rule-all.yaml",
          "virtual-service-v2.yaml");

  private SeedManifests() {}

  /** Writes the bundled copies into {@code dir} and returns it. */
  public static Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String file : FILES) {
        try (InputStream in = SeedManifests.class.getResourceAsStream("seed/" + file)) {
          if (in == null) {
            throw new IllegalStateException("the distribution lacks the manifest " + file);
          }
          Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the article's manifests to " + dir, e);
    }
  }
}
