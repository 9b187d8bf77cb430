package io.canarymesh.model.validation.istio;

import io.canarymesh.model.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Test fixture for the Istio tests: the shared {@link TestManifests}, under the names they use. */
public final class Manifests {
  private Manifests() {}

  /** Every document of {@code yaml}, typed by its apiVersion and kind, decoded strictly. */
  public static List<HasMetadata> decode(String yaml) {
    return TestManifests.decodeAll(yaml);
  }

  /** The single object in {@code yaml}. */
  public static HasMetadata decodeOne(String yaml) {
    List<HasMetadata> objects = decode(yaml);
    if (objects.size() != 1) {
      throw new IllegalArgumentException("expected one object, got " + objects.size());
    }
    return objects.get(0);
  }

  /** The objects of a seed manifest, e.g. {@code virtual-service-all.yaml}. */
  public static List<HasMetadata> seed(String file) {
    return TestManifests.seed(file);
  }

  /** The seed manifest files. */
  public static List<String> seedFiles() {
    return TestManifests.ALL_SEEDS;
  }
}
