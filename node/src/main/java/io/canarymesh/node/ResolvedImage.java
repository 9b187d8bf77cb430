package io.canarymesh.node;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container runs, after the catalog and the container's own {@code command}/{@code args}
 * (which replace the image's, as in Kubernetes).
 */
record ResolvedImage(
    List<String> commandLine,
    Map<String, String> env,
    Optional<ImageEntry.DeclaredCheck> readiness) {}
