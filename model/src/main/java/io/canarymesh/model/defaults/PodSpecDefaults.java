package io.canarymesh.model.defaults;

import static io.canarymesh.model.defaults.WorkloadDefaults.isEmpty;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/**
 * core/v1 defaults of a pod spec, in a Pod or a template: {@code SetDefaults_PodSpec}, {@code
 * _Container}, {@code _ContainerPort}, {@code _Probe}, {@code _HTTPGetAction}, {@code
 * _ObjectFieldSelector} and the volume sources' {@code defaultMode}.
 */
final class PodSpecDefaults {
  /** 0644, the mode of files projected from Secrets and ConfigMaps. */
  private static final int DEFAULT_FILE_MODE = 0644;

  private PodSpecDefaults() {}

  static void podSpec(PodSpec spec) {
    if (isEmpty(spec.getDnsPolicy())) {
      spec.setDnsPolicy("ClusterFirst");
    }
    if (isEmpty(spec.getRestartPolicy())) {
      spec.setRestartPolicy("Always");
    }
    if (spec.getSecurityContext() == null) {
      spec.setSecurityContext(new PodSecurityContext());
    }
    if (spec.getTerminationGracePeriodSeconds() == null) {
      spec.setTerminationGracePeriodSeconds(30L);
    }
    if (isEmpty(spec.getSchedulerName())) {
      spec.setSchedulerName("default-scheduler");
    }
    orEmpty(spec.getContainers()).forEach(PodSpecDefaults::container);
    orEmpty(spec.getInitContainers()).forEach(PodSpecDefaults::container);
    orEmpty(spec.getVolumes()).forEach(PodSpecDefaults::volume);
  }

  static void container(Container container) {
    if (isEmpty(container.getImagePullPolicy())) {
      container.setImagePullPolicy(ImageReference.defaultPullPolicy(container.getImage()));
    }
    if (isEmpty(container.getTerminationMessagePath())) {
      container.setTerminationMessagePath("/dev/termination-log");
    }
    if (isEmpty(container.getTerminationMessagePolicy())) {
      container.setTerminationMessagePolicy("File");
    }
    for (ContainerPort port : orEmpty(container.getPorts())) {
      if (isEmpty(port.getProtocol())) {
        port.setProtocol("TCP");
      }
    }
    for (EnvVar env : orEmpty(container.getEnv())) {
      if (env.getValueFrom() != null
          && env.getValueFrom().getFieldRef() != null
          && isEmpty(env.getValueFrom().getFieldRef().getApiVersion())) {
        env.getValueFrom().getFieldRef().setApiVersion("v1");
      }
    }
    probe(container.getLivenessProbe());
    probe(container.getReadinessProbe());
    probe(container.getStartupProbe());
    lifecycle(container.getLifecycle());
  }

  private static void probe(Probe probe) {
    if (probe == null) {
      return;
    }
    if (probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() == 0) {
      probe.setTimeoutSeconds(1);
    }
    if (probe.getPeriodSeconds() == null || probe.getPeriodSeconds() == 0) {
      probe.setPeriodSeconds(10);
    }
    if (probe.getSuccessThreshold() == null || probe.getSuccessThreshold() == 0) {
      probe.setSuccessThreshold(1);
    }
    if (probe.getFailureThreshold() == null || probe.getFailureThreshold() == 0) {
      probe.setFailureThreshold(3);
    }
    httpGet(probe.getHttpGet());
  }

  private static void lifecycle(Lifecycle lifecycle) {
    if (lifecycle == null) {
      return;
    }
    for (LifecycleHandler handler :
        new LifecycleHandler[] {lifecycle.getPostStart(), lifecycle.getPreStop()}) {
      if (handler != null) {
        httpGet(handler.getHttpGet());
      }
    }
  }

  private static void httpGet(HTTPGetAction action) {
    if (action == null) {
      return;
    }
    if (isEmpty(action.getPath())) {
      action.setPath("/");
    }
    if (isEmpty(action.getScheme())) {
      action.setScheme("HTTP");
    }
  }

  private static void volume(Volume volume) {
    if (volume.getSecret() != null && volume.getSecret().getDefaultMode() == null) {
      volume.getSecret().setDefaultMode(DEFAULT_FILE_MODE);
    }
    if (volume.getConfigMap() != null && volume.getConfigMap().getDefaultMode() == null) {
      volume.getConfigMap().setDefaultMode(DEFAULT_FILE_MODE);
    }
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
