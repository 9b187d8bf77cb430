package io.canarymesh.apiserver.discovery;

import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the registry serves, arranged the way discovery presents it: groups in the order the
 * registry first names them (core first), each group's versions in the order its kinds list them
 * (preferred first), each version's resources sorted by plural.
 *
 * <p>Example: the standard registry gives the core group {@code ""} (v1), {@code apps} (v1) and
 * {@code networking.istio.io} (v1, v1beta1, v1alpha3, each with the five Istio kinds).
 */
record ServedApi(Optional<ServedGroup> core, List<ServedGroup> named) {

  ServedApi {
    named = List.copyOf(named);
  }

  static ServedApi of(KindRegistry registry) {
    Map<String, List<Kind>> kindsByGroup = new LinkedHashMap<>();
    for (Kind kind : registry.kinds()) {
      kindsByGroup.computeIfAbsent(kind.group(), group -> new ArrayList<>()).add(kind);
    }
    Optional<ServedGroup> core = Optional.empty();
    List<ServedGroup> named = new ArrayList<>();
    for (Map.Entry<String, List<Kind>> entry : kindsByGroup.entrySet()) {
      ServedGroup group = group(entry.getKey(), entry.getValue());
      if (group.name().isEmpty()) {
        core = Optional.of(group);
      } else {
        named.add(group);
      }
    }
    return new ServedApi(core, named);
  }

  /** Every served group/version: core first, then each named group's versions. */
  List<ServedVersion> versions() {
    List<ServedVersion> versions = new ArrayList<>();
    core.ifPresent(group -> versions.addAll(group.versions()));
    named.forEach(group -> versions.addAll(group.versions()));
    return versions;
  }

  private static ServedGroup group(String name, List<Kind> kinds) {
    Set<String> versionNames = new LinkedHashSet<>();
    kinds.forEach(kind -> versionNames.addAll(kind.versions()));
    List<ServedVersion> versions = new ArrayList<>();
    for (String version : versionNames) {
      List<ServedResource> resources =
          kinds.stream()
              .filter(kind -> kind.servesVersion(version))
              .map(kind -> ServedResource.of(kind, version))
              .sorted(Comparator.comparing(ServedResource::plural))
              .toList();
      versions.add(new ServedVersion(new GroupVersion(name, version), resources));
    }
    return new ServedGroup(name, versions);
  }
}
