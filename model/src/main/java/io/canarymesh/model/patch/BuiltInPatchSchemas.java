package io.canarymesh.model.patch;

import java.util.Map;
import java.util.Optional;

/**
 * The patch tags of the built-in kinds we serve, transcribed from k8s.io/api {@code types.go}
 * ({@code patchStrategy:"merge" patchMergeKey:"name"} and friends). Lists not named here (e.g.
 * {@code tolerations}, {@code envFrom}, {@code command}, {@code args}, Endpoints {@code subsets})
 * are atomic and get replaced whole.
 */
final class BuiltInPatchSchemas {
  private BuiltInPatchSchemas() {}

  /** ObjectMeta: {@code ownerReferences} by uid, {@code finalizers} as a set. */
  private static final PatchSchema OBJECT_META =
      PatchSchema.builder().mergeKey("ownerReferences", "uid").mergeSet("finalizers").build();

  /** Container and EphemeralContainer. */
  private static final PatchSchema CONTAINER =
      PatchSchema.builder()
          .mergeKey("ports", "containerPort")
          .mergeKey("env", "name")
          .mergeKey("volumeMounts", "mountPath")
          .mergeKey("volumeDevices", "devicePath")
          .build();

  private static final PatchSchema POD_SPEC =
      PatchSchema.builder()
          .mergeKey("containers", "name")
          .nest("containers", CONTAINER)
          .mergeKey("initContainers", "name")
          .nest("initContainers", CONTAINER)
          .mergeKey("ephemeralContainers", "name")
          .nest("ephemeralContainers", CONTAINER)
          .mergeKey("volumes", "name")
          .retainKeys("volumes")
          .mergeKey("imagePullSecrets", "name")
          .mergeKey("hostAliases", "ip")
          .mergeKey("topologySpreadConstraints", "topologyKey")
          .mergeKey("schedulingGates", "name")
          .mergeKey("resourceClaims", "name")
          .retainKeys("resourceClaims")
          .build();

  private static final PatchSchema POD_STATUS =
      PatchSchema.builder()
          .mergeKey("conditions", "type")
          .mergeKey("podIPs", "ip")
          .mergeKey("hostIPs", "ip")
          .mergeKey("resourceClaimStatuses", "name")
          .retainKeys("resourceClaimStatuses")
          .build();

  private static final PatchSchema POD_TEMPLATE_SPEC =
      PatchSchema.builder().nest("metadata", OBJECT_META).nest("spec", POD_SPEC).build();

  /** Status with only {@code conditions} merged by type. */
  private static final PatchSchema CONDITIONS =
      PatchSchema.builder().mergeKey("conditions", "type").build();

  private static final Map<String, PatchSchema> BY_KIND =
      Map.of(
          "Deployment",
          withMetadata()
              .retainKeys("spec.strategy")
              .nest("spec.template", POD_TEMPLATE_SPEC)
              .nest("status", CONDITIONS)
              .build(),
          "ReplicaSet",
          withMetadata()
              .nest("spec.template", POD_TEMPLATE_SPEC)
              .nest("status", CONDITIONS)
              .build(),
          "Pod",
          withMetadata().nest("spec", POD_SPEC).nest("status", POD_STATUS).build(),
          "Service",
          withMetadata().mergeKey("spec.ports", "port").nest("status", CONDITIONS).build(),
          "Namespace",
          withMetadata().nest("status", CONDITIONS).build(),
          "Endpoints",
          withMetadata().build(),
          "ConfigMap",
          withMetadata().build(),
          "Secret",
          withMetadata().build(),
          "Event",
          withMetadata().build());

  static Optional<PatchSchema> forKind(String kind) {
    return Optional.ofNullable(BY_KIND.get(kind));
  }

  private static PatchSchema.Builder withMetadata() {
    return PatchSchema.builder().nest("metadata", OBJECT_META);
  }
}
