package io.canarymesh.model;

import static java.util.Objects.requireNonNull;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds the platform serves (KUBE-API.md §B): core/v1, apps/v1 and networking.istio.io at
 * v1alpha3, v1beta1 and v1. Immutable; {@link #standard()} is the one set everything uses.
 */
public final class KindRegistry {
  private static final String ISTIO = "networking.istio.io";
  private static final List<String> ISTIO_VERSIONS = List.of("v1", "v1beta1", "v1alpha3");
  private static final List<String> ISTIO_CATEGORIES = List.of("istio-io", "networking-istio-io");
  private static final List<String> ALL = List.of("all");
  private static final List<String> NONE = List.of();

  private static final KindRegistry STANDARD =
      new KindRegistry(
          List.of(
              core(
                  "Namespace",
                  "namespaces",
                  List.of("ns"),
                  false,
                  NONE,
                  List.of("status"),
                  Namespace.class),
              core(
                  "Pod",
                  "pods",
                  List.of("po"),
                  true,
                  ALL,
                  List.of("status", "log", "binding"),
                  Pod.class),
              core(
                  "Service",
                  "services",
                  List.of("svc"),
                  true,
                  ALL,
                  List.of("status"),
                  Service.class),
              core("Endpoints", "endpoints", List.of("ep"), true, NONE, NONE, Endpoints.class),
              core("Event", "events", List.of("ev"), true, NONE, NONE, Event.class),
              core("ConfigMap", "configmaps", List.of("cm"), true, NONE, NONE, ConfigMap.class),
              core("Secret", "secrets", NONE, true, NONE, NONE, Secret.class),
              apps("Deployment", "deployments", List.of("deploy"), Deployment.class),
              apps("ReplicaSet", "replicasets", List.of("rs"), ReplicaSet.class),
              istio("Gateway", "gateways", "gw", Gateway.class),
              istio("VirtualService", "virtualservices", "vs", VirtualService.class),
              istio("DestinationRule", "destinationrules", "dr", DestinationRule.class),
              istio("ServiceEntry", "serviceentries", "se", ServiceEntry.class),
              istio("WorkloadEntry", "workloadentries", "we", WorkloadEntry.class)));

  private final List<Kind> kinds;

  private KindRegistry(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  public static KindRegistry standard() {
    return STANDARD;
  }

  public List<Kind> kinds() {
    return kinds;
  }

  /** The kind for an {@code apiVersion} and {@code kind} as written in a manifest. */
  public Optional<Kind> byApiVersionAndKind(String apiVersion, String kind) {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    return kinds.stream()
        .filter(k -> k.group().equals(group) && k.kind().equals(kind) && k.servesVersion(version))
        .findFirst();
  }

  /** The kind served under {@code /apis/group/version/plural} (group {@code ""} for core). */
  public Optional<Kind> byResource(String group, String version, String plural) {
    return kinds.stream()
        .filter(k -> k.group().equals(group) && k.plural().equals(plural))
        .filter(k -> k.servesVersion(version))
        .findFirst();
  }

  /**
   * The kinds a user means by a name on the command line: plural, singular, short name or kind,
   * optionally qualified by group ({@code deployments.apps}), case-insensitive.
   */
  public List<Kind> byUserName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return kinds.stream().filter(k -> matchesUserName(k, lower)).toList();
  }

  /** The kind whose canonical type is {@code type}. */
  public Optional<Kind> byType(Class<?> type) {
    return kinds.stream().filter(k -> k.type().equals(type)).findFirst();
  }

  private static boolean matchesUserName(Kind kind, String lower) {
    for (String candidate : userNames(kind)) {
      if (candidate.equals(lower) || (candidate + "." + kind.group()).equals(lower)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> userNames(Kind kind) {
    var names = new java.util.ArrayList<String>();
    names.add(kind.plural());
    names.add(kind.singular());
    names.add(kind.kind().toLowerCase(Locale.ROOT));
    names.addAll(kind.shortNames());
    return names;
  }

  private static Kind core(
      String kind,
      String plural,
      List<String> shortNames,
      boolean namespaced,
      List<String> categories,
      List<String> subresources,
      Class<? extends HasMetadata> type) {
    return new Kind(
        "",
        List.of("v1"),
        kind,
        plural,
        singular(kind),
        shortNames,
        namespaced,
        categories,
        subresources,
        type);
  }

  private static Kind apps(
      String kind, String plural, List<String> shortNames, Class<? extends HasMetadata> type) {
    return new Kind(
        "apps",
        List.of("v1"),
        kind,
        plural,
        singular(kind),
        shortNames,
        true,
        ALL,
        List.of("status", "scale"),
        type);
  }

  private static Kind istio(
      String kind, String plural, String shortName, Class<? extends HasMetadata> type) {
    return new Kind(
        ISTIO,
        ISTIO_VERSIONS,
        kind,
        plural,
        singular(kind),
        List.of(shortName),
        true,
        ISTIO_CATEGORIES,
        List.of("status"),
        type);
  }

  private static String singular(String kind) {
    return kind.toLowerCase(Locale.ROOT);
  }
}
