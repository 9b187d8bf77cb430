package io.canarymesh.apiserver.table;

import io.canarymesh.model.Kind;
import java.util.List;
import java.util.Map;

/**
 * The printer of each kind: kube-apiserver's for the core and apps kinds, Istio's CRD printer
 * columns for the Istio kinds (taken from istio/api's generated CRDs), NAME and AGE for anything
 * else.
 */
final class Printers {
  private static final String ISTIO = "networking.istio.io";

  private static final Map<String, Printer> BY_KIND =
      Map.ofEntries(
          Map.entry(key("", "Pod"), new PodPrinter()),
          Map.entry(key("", "Service"), new ServicePrinter()),
          Map.entry(key("", "Endpoints"), new EndpointsPrinter()),
          Map.entry(key("", "Namespace"), new NamespacePrinter()),
          Map.entry(key("", "Event"), new EventPrinter()),
          Map.entry(key("", "ConfigMap"), new ConfigMapPrinter()),
          Map.entry(key("", "Secret"), new SecretPrinter()),
          Map.entry(key("apps", "Deployment"), new DeploymentPrinter()),
          Map.entry(key("apps", "ReplicaSet"), new ReplicaSetPrinter()),
          Map.entry(key(ISTIO, "VirtualService"), virtualServices()),
          Map.entry(key(ISTIO, "DestinationRule"), destinationRules()),
          Map.entry(key(ISTIO, "ServiceEntry"), serviceEntries()),
          Map.entry(key(ISTIO, "WorkloadEntry"), workloadEntries()));

  private Printers() {}

  /** Gateways have no printer columns in Istio's CRD, so they get the default NAME AGE. */
  static Printer forKind(Kind kind) {
    return BY_KIND.getOrDefault(key(kind.group(), kind.kind()), CustomResourcePrinter.DEFAULT);
  }

  private static Printer virtualServices() {
    return new CustomResourcePrinter(
        List.of(
            PrinterColumn.text(
                "Gateways", ".spec.gateways", "Gateways (and mesh) that apply these routes."),
            PrinterColumn.text("Hosts", ".spec.hosts", "Hosts the routes apply to."),
            PrinterColumn.age()));
  }

  private static Printer destinationRules() {
    return new CustomResourcePrinter(
        List.of(
            PrinterColumn.text("Host", ".spec.host", "The service the rule applies to."),
            PrinterColumn.age()));
  }

  private static Printer serviceEntries() {
    return new CustomResourcePrinter(
        List.of(
            PrinterColumn.text("Hosts", ".spec.hosts", "Hosts of the service entry."),
            PrinterColumn.text("Location", ".spec.location", "MESH_EXTERNAL or MESH_INTERNAL."),
            PrinterColumn.text(
                "Resolution", ".spec.resolution", "How the hosts resolve: NONE, STATIC or DNS."),
            PrinterColumn.age()));
  }

  /** Istio lists AGE before ADDRESS for workload entries. */
  private static Printer workloadEntries() {
    return new CustomResourcePrinter(
        List.of(
            PrinterColumn.age(),
            PrinterColumn.text("Address", ".spec.address", "Address of the workload.")));
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }
}
