package io.canarymesh.model.selector;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields a field selector may name for each kind, and their values on an object, as the
 * kube-apiserver's registries define them ({@code ToSelectableFields}): {@code metadata.name} and
 * {@code metadata.namespace} everywhere, plus a few per kind. Absent values read as {@code ""}.
 */
public final class SelectableFields {
  private static final Set<String> META = Set.of("metadata.name", "metadata.namespace");

  private static final Set<String> EVENT =
      with(
          "involvedObject.kind",
          "involvedObject.namespace",
          "involvedObject.name",
          "involvedObject.uid",
          "involvedObject.apiVersion",
          "involvedObject.resourceVersion",
          "involvedObject.fieldPath",
          "reason",
          "reportingComponent",
          "source",
          "type");

  private static final Set<String> POD =
      with(
          "spec.nodeName",
          "spec.restartPolicy",
          "spec.schedulerName",
          "spec.serviceAccountName",
          "spec.hostNetwork",
          "status.phase",
          "status.podIP",
          "status.nominatedNodeName");

  private SelectableFields() {}

  /** The field names a selector may use for objects of this type. */
  public static Set<String> supportedFields(Class<? extends HasMetadata> type) {
    requireNonNull(type, "type");
    if (Event.class.isAssignableFrom(type)) {
      return EVENT;
    }
    if (Pod.class.isAssignableFrom(type)) {
      return POD;
    }
    if (Secret.class.isAssignableFrom(type)) {
      return with("type");
    }
    if (Namespace.class.isAssignableFrom(type)) {
      return with("status.phase");
    }
    if (ReplicaSet.class.isAssignableFrom(type)) {
      return with("status.replicas");
    }
    return META;
  }

  /** The supported fields' values on {@code object}; fields without a value are left out. */
  public static Map<String, String> of(HasMetadata object) {
    requireNonNull(object, "object");
    Map<String, String> fields = new HashMap<>();
    ObjectMeta meta = object.getMetadata();
    if (meta != null) {
      put(fields, "metadata.name", meta.getName());
      put(fields, "metadata.namespace", meta.getNamespace());
    }
    switch (object) {
      case Event event -> eventFields(event, fields);
      case Pod pod -> podFields(pod, fields);
      case Secret secret -> put(fields, "type", secret.getType());
      case Namespace namespace ->
          put(fields, "status.phase", read(namespace.getStatus(), s -> s.getPhase()));
      case ReplicaSet replicaSet ->
          put(
              fields,
              "status.replicas",
              String.valueOf(
                  Optional.ofNullable(read(replicaSet.getStatus(), s -> s.getReplicas()))
                      .orElse(0)));
      default -> {}
    }
    return Map.copyOf(fields);
  }

  private static void eventFields(Event event, Map<String, String> fields) {
    ObjectReference involved = event.getInvolvedObject();
    put(fields, "involvedObject.kind", read(involved, ObjectReference::getKind));
    put(fields, "involvedObject.namespace", read(involved, ObjectReference::getNamespace));
    put(fields, "involvedObject.name", read(involved, ObjectReference::getName));
    put(fields, "involvedObject.uid", read(involved, ObjectReference::getUid));
    put(fields, "involvedObject.apiVersion", read(involved, ObjectReference::getApiVersion));
    put(
        fields,
        "involvedObject.resourceVersion",
        read(involved, ObjectReference::getResourceVersion));
    put(fields, "involvedObject.fieldPath", read(involved, ObjectReference::getFieldPath));
    put(fields, "reason", event.getReason());
    put(fields, "reportingComponent", event.getReportingComponent());
    // "source" is the old source.component, or the newer reportingComponent when that is unset.
    String component = read(event.getSource(), EventSource::getComponent);
    put(fields, "source", isBlank(component) ? event.getReportingComponent() : component);
    put(fields, "type", event.getType());
  }

  private static void podFields(Pod pod, Map<String, String> fields) {
    PodSpec spec = pod.getSpec();
    put(fields, "spec.nodeName", read(spec, PodSpec::getNodeName));
    put(fields, "spec.restartPolicy", read(spec, PodSpec::getRestartPolicy));
    put(fields, "spec.schedulerName", read(spec, PodSpec::getSchedulerName));
    put(fields, "spec.serviceAccountName", read(spec, PodSpec::getServiceAccountName));
    Boolean hostNetwork = read(spec, PodSpec::getHostNetwork);
    put(fields, "spec.hostNetwork", String.valueOf(Boolean.TRUE.equals(hostNetwork)));
    PodStatus status = pod.getStatus();
    put(fields, "status.phase", read(status, PodStatus::getPhase));
    put(fields, "status.podIP", podIp(status));
    put(fields, "status.nominatedNodeName", read(status, PodStatus::getNominatedNodeName));
  }

  private static String podIp(PodStatus status) {
    if (status == null) {
      return null;
    }
    List<PodIP> podIps = status.getPodIPs();
    if (podIps != null && !podIps.isEmpty() && podIps.get(0).getIp() != null) {
      return podIps.get(0).getIp();
    }
    return status.getPodIP();
  }

  private static <T, R> R read(T holder, Function<T, R> getter) {
    return holder == null ? null : getter.apply(holder);
  }

  private static void put(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isEmpty();
  }

  private static Set<String> with(String... names) {
    Set<String> all = new java.util.HashSet<>(META);
    all.addAll(List.of(names));
    return Set.copyOf(all);
  }
}
