package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment, as the kubelet builds it, lowest precedence first: the image's env,
 * the service variables of the Services in the pod's namespace that exist when it starts, {@code
 * HOSTNAME} (pod name) and {@code POD_IP}, then the container's {@code env} — values with {@code
 * $(VAR)} references expanded, and {@code valueFrom.fieldRef} for metadata.name,
 * metadata.namespace, metadata.uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName,
 * spec.serviceAccountName, status.podIP and status.hostIP.
 *
 * <p>Service variables for Service {@code micro-api} (ClusterIP 127.96.0.7, port http 19090/TCP):
 * {@code MICRO_API_SERVICE_HOST=127.96.0.7}, {@code MICRO_API_SERVICE_PORT=19090}, {@code
 * MICRO_API_SERVICE_PORT_HTTP=19090}, {@code MICRO_API_PORT=tcp://127.96.0.7:19090}, {@code
 * MICRO_API_PORT_19090_TCP=tcp://127.96.0.7:19090} with its {@code _PROTO}, {@code _PORT} and
 * {@code _ADDR}.
 */
final class PodEnvironment {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][\\w.-]*)\\)");

  private PodEnvironment() {}

  /**
   * @throws IllegalArgumentException for a {@code valueFrom} this runtime cannot resolve, naming
   *     the variable
   */
  static Map<String, String> of(
      Pod pod,
      Container container,
      String podIp,
      String hostIp,
      List<Service> services,
      Map<String, String> imageEnv) {
    Map<String, String> env = new LinkedHashMap<>(imageEnv);
    for (Service service : services) {
      env.putAll(serviceVariables(service));
    }
    env.put("HOSTNAME", pod.getMetadata().getName());
    env.put("POD_IP", podIp);
    Map<String, String> declared = new LinkedHashMap<>();
    if (container.getEnv() != null) {
      for (EnvVar variable : container.getEnv()) {
        String value =
            variable.getValueFrom() != null
                ? fieldValue(pod, variable, podIp, hostIp)
                : expand(variable.getValue() == null ? "" : variable.getValue(), env, declared);
        declared.put(variable.getName(), value);
      }
    }
    env.putAll(declared);
    return env;
  }

  static Map<String, String> serviceVariables(Service service) {
    Map<String, String> env = new LinkedHashMap<>();
    var spec = service.getSpec();
    String ip = spec == null ? null : spec.getClusterIP();
    if (ip == null || ip.isEmpty() || ip.equals("None") || spec.getPorts() == null) {
      return env;
    }
    String prefix = envName(service.getMetadata().getName());
    List<ServicePort> ports = spec.getPorts();
    if (ports.isEmpty()) {
      return env;
    }
    env.put(prefix + "_SERVICE_HOST", ip);
    env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).getPort()));
    for (ServicePort port : ports) {
      if (port.getName() != null && !port.getName().isEmpty()) {
        env.put(prefix + "_SERVICE_PORT_" + envName(port.getName()), "" + port.getPort());
      }
    }
    ServicePort first = ports.get(0);
    env.put(prefix + "_PORT", url(first, ip));
    for (ServicePort port : ports) {
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      String base = prefix + "_PORT_" + port.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
      env.put(base, url(port, ip));
      env.put(base + "_PROTO", protocol.toLowerCase(Locale.ROOT));
      env.put(base + "_PORT", String.valueOf(port.getPort()));
      env.put(base + "_ADDR", ip);
    }
    return env;
  }

  private static String url(ServicePort port, String ip) {
    String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
    return protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + port.getPort();
  }

  private static String envName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** {@code $(VAR)} → its value when defined before (else left as is); {@code $$} → {@code $}. */
  static String expand(String value, Map<String, String> env, Map<String, String> declared) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group(1) == null) {
        replacement = "$";
      } else {
        String name = matcher.group(1);
        String found = declared.containsKey(name) ? declared.get(name) : env.get(name);
        replacement = found == null ? matcher.group() : found;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String fieldValue(Pod pod, EnvVar variable, String podIp, String hostIp) {
    var from = variable.getValueFrom();
    if (from.getFieldRef() == null) {
      throw new IllegalArgumentException(
          "env "
              + variable.getName()
              + ": valueFrom: only fieldRef is supported by this runtime"
              + " (configMapKeyRef, secretKeyRef and resourceFieldRef are not)");
    }
    String path = from.getFieldRef().getFieldPath();
    var meta = pod.getMetadata();
    Matcher keyed = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]").matcher(path);
    if (keyed.matches()) {
      Map<String, String> map =
          keyed.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
      return map == null ? "" : map.getOrDefault(keyed.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> meta.getName();
      case "metadata.namespace" -> meta.getNamespace();
      case "metadata.uid" -> meta.getUid();
      case "spec.nodeName" -> orEmpty(pod.getSpec().getNodeName());
      case "spec.serviceAccountName" -> orEmpty(pod.getSpec().getServiceAccountName());
      case "status.podIP" -> podIp;
      case "status.hostIP" -> hostIp;
      default ->
          throw new IllegalArgumentException(
              "env "
                  + variable.getName()
                  + ": valueFrom.fieldRef.fieldPath: Unsupported value: \""
                  + path
                  + "\"");
    };
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
