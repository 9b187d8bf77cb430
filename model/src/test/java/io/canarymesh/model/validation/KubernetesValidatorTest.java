package io.canarymesh.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.TestManifests;
import io.canarymesh.model.defaults.Defaults;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One broken rule per case, on the defaulted seed Deployment and Service. */
class KubernetesValidatorTest {
  private static final String CONTAINER = "spec.template.spec.containers[0]";
  private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
  private static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
          + " used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL_RULE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String MISMATCH =
      "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"micro-api\"}:"
          + " `selector` does not match template `labels`";

  static Stream<HasMetadata> seedObjects() {
    return TestManifests.SEEDS.stream().flatMap(name -> TestManifests.seed(name).stream());
  }

  @ParameterizedTest
  @MethodSource("seedObjects")
  void everySeedObjectIsValidAfterDefaulting(HasMetadata object) {
    assertThat(KubernetesValidator.validate(Defaults.apply(object))).isEmpty();
  }

  static Stream<Arguments> deploymentCases() {
    return Stream.of(
        deployment(
            "name required",
            d -> d.getMetadata().setName(null),
            "metadata.name: Required value: name or generateName is required"),
        deployment(
            "name is a subdomain",
            d -> d.getMetadata().setName("Micro_API"),
            "metadata.name: Invalid value: \"Micro_API\": " + SUBDOMAIN_RULE),
        deployment(
            "namespace is a label",
            d -> d.getMetadata().setNamespace("team.a"),
            "metadata.namespace: Invalid value: \"team.a\": " + LABEL_RULE),
        deployment(
            "annotation keys",
            d -> d.getMetadata().setAnnotations(Map.of("a/b/c", "x")),
            "metadata.annotations: Invalid value: \"a/b/c\": "
                + Names.checkQualifiedName("a/b/c").get(0)),
        deployment(
            "annotations total at most 256 KiB",
            d -> d.getMetadata().setAnnotations(Map.of("big", "x".repeat(256 * 1024))),
            "metadata.annotations: Too long: must have at most 262144 bytes"),
        deployment(
            "selector required",
            d -> d.getSpec().setSelector(null),
            "spec.selector: Required value",
            MISMATCH),
        deployment(
            "selector not empty",
            d -> d.getSpec().setSelector(new LabelSelector()),
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid"
                + " for deployment"),
        deployment(
            "selector matches template labels",
            d -> d.getSpec().getSelector().setMatchLabels(Map.of("app", "other")),
            MISMATCH),
        deployment(
            "selector expressions valid",
            d ->
                d.getSpec()
                    .getSelector()
                    .setMatchExpressions(
                        List.of(new LabelSelectorRequirement("tier", "In", List.of()))),
            "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                + " `operator` is 'In' or 'NotIn'",
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":"
                + "\"micro-api\"}, MatchExpressions:[]v1.LabelSelectorRequirement{"
                + "v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string(nil)}}}:"
                + " invalid label selector"),
        deployment(
            "replicas not negative",
            d -> d.getSpec().setReplicas(-1),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        deployment(
            "minReadySeconds not negative",
            d -> d.getSpec().setMinReadySeconds(-1),
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"),
        deployment(
            "revisionHistoryLimit not negative",
            d -> d.getSpec().setRevisionHistoryLimit(-1),
            "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"),
        deployment(
            "progressDeadlineSeconds beyond minReadySeconds",
            d -> d.getSpec().setProgressDeadlineSeconds(5),
            "spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds"),
        deployment(
            "strategy type supported",
            d -> {
              d.getSpec().getStrategy().setType("BlueGreen");
              d.getSpec().getStrategy().setRollingUpdate(null);
            },
            "spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\","
                + " RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values:"
                + " \"Recreate\", \"RollingUpdate\""),
        deployment(
            "no rollingUpdate for Recreate",
            d -> d.getSpec().getStrategy().setType("Recreate"),
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is"
                + " 'Recreate'"),
        deployment(
            "maxSurge int or percent",
            d -> rollingUpdate(d).setMaxSurge(new IntOrString("abc")),
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1,"
                + " IntVal:0, StrVal:\"abc\"}: a valid percent string must be a numeric string"
                + " followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is"
                + " '[0-9]+%')"),
        deployment(
            "maxSurge not negative",
            d -> rollingUpdate(d).setMaxSurge(new IntOrString(-1)),
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal"
                + " to 0"),
        deployment(
            "maxUnavailable at most 100%",
            d -> rollingUpdate(d).setMaxUnavailable(new IntOrString("101%")),
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1,"
                + " IntVal:0, StrVal:\"101%\"}: must not be greater than 100%"),
        deployment(
            "maxSurge and maxUnavailable not both 0",
            d -> {
              rollingUpdate(d).setMaxSurge(new IntOrString("0%"));
              rollingUpdate(d).setMaxUnavailable(new IntOrString(0));
            },
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0,"
                + " IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"),
        deployment(
            "template restarts Always",
            d -> podSpec(d).setRestartPolicy("Never"),
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
                + " \"Always\""),
        deployment(
            "restartPolicy supported",
            d -> podSpec(d).setRestartPolicy("Sometimes"),
            "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values:"
                + " \"Always\", \"OnFailure\", \"Never\"",
            "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values:"
                + " \"Always\""),
        deployment(
            "terminationGracePeriodSeconds not negative",
            d -> podSpec(d).setTerminationGracePeriodSeconds(-1L),
            "spec.template.spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater"
                + " than or equal to 0"),
        deployment(
            "containers required",
            d -> podSpec(d).setContainers(new ArrayList<>()),
            "spec.template.spec.containers: Required value"),
        deployment(
            "image required",
            d -> container(d).setImage(null),
            CONTAINER + ".image: Required value"),
        deployment(
            "container name required",
            d -> container(d).setName(""),
            CONTAINER + ".name: Required value"),
        deployment(
            "container name is a label",
            d -> container(d).setName("micro.api"),
            CONTAINER + ".name: Invalid value: \"micro.api\": " + LABEL_RULE),
        deployment(
            "container names unique",
            d -> podSpec(d).getContainers().add(new ContainerBuilder(container(d)).build()),
            "spec.template.spec.containers[1].name: Duplicate value: \"micro-api\""),
        deployment(
            "imagePullPolicy supported",
            d -> container(d).setImagePullPolicy("Sometimes"),
            CONTAINER
                + ".imagePullPolicy: Unsupported value: \"Sometimes\": supported values:"
                + " \"Always\", \"IfNotPresent\", \"Never\""),
        deployment(
            "containerPort required",
            d -> port(d).setContainerPort(0),
            CONTAINER + ".ports[0].containerPort: Required value"),
        deployment(
            "containerPort in range",
            d -> port(d).setContainerPort(70000),
            CONTAINER + ".ports[0].containerPort: Invalid value: 70000: " + PORT_RANGE),
        deployment(
            "hostPort in range",
            d -> port(d).setHostPort(-1),
            CONTAINER + ".ports[0].hostPort: Invalid value: -1: " + PORT_RANGE),
        deployment(
            "protocol supported",
            d -> port(d).setProtocol("HTTP"),
            CONTAINER
                + ".ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\","
                + " \"TCP\", \"UDP\""),
        deployment(
            "port name charset",
            d -> port(d).setName("HTTP"),
            CONTAINER
                + ".ports[0].name: Invalid value: \"HTTP\": must contain only alpha-numeric"
                + " characters (a-z, 0-9), and hyphens (-)",
            CONTAINER
                + ".ports[0].name: Invalid value: \"HTTP\": must contain at least one letter (a-z)"),
        deployment(
            "port name length",
            d -> port(d).setName("a-very-long-name"),
            CONTAINER
                + ".ports[0].name: Invalid value: \"a-very-long-name\": must be no more than 15"
                + " characters"),
        deployment(
            "port name hyphens",
            d -> port(d).setName("-a--b"),
            CONTAINER
                + ".ports[0].name: Invalid value: \"-a--b\": must not contain consecutive hyphens",
            CONTAINER
                + ".ports[0].name: Invalid value: \"-a--b\": must not begin or end with a hyphen"),
        deployment(
            "port names unique",
            d -> container(d).getPorts().add(new ContainerPort(19091, null, null, "http", "TCP")),
            CONTAINER + ".ports[1].name: Duplicate value: \"http\""),
        deployment(
            "env names printable without '='",
            d -> container(d).setEnv(List.of(new EnvVar("A=B", "x", null))),
            CONTAINER
                + ".env[0].name: Invalid value: \"A=B\": a valid environment variable name must"
                + " consist only of printable ASCII characters other than '='"),
        deployment(
            "env valueFrom names a source",
            d -> container(d).setEnv(List.of(new EnvVar("A", null, new EnvVarSource()))),
            CONTAINER
                + ".env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`,"
                + " `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        deployment(
            "probe needs a handler",
            d -> container(d).setReadinessProbe(probe(null, null)),
            CONTAINER + ".readinessProbe: Required value: must specify a handler type"),
        deployment(
            "probe has one handler",
            d ->
                container(d)
                    .setReadinessProbe(
                        probe(
                            new HTTPGetAction(null, null, "/", new IntOrString(9090), "HTTP"),
                            9090)),
            CONTAINER
                + ".readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"),
        deployment(
            "probe numbers not negative",
            d -> {
              Probe probe = probe(null, 9090);
              probe.setPeriodSeconds(-1);
              container(d).setLivenessProbe(probe);
            },
            CONTAINER
                + ".livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"),
        deployment(
            "liveness successThreshold is 1",
            d -> {
              Probe probe = probe(null, 9090);
              probe.setSuccessThreshold(2);
              container(d).setLivenessProbe(probe);
            },
            CONTAINER + ".livenessProbe.successThreshold: Invalid value: 2: must be 1"),
        deployment(
            "probe port in range",
            d -> container(d).setStartupProbe(probe(null, 0)),
            CONTAINER + ".startupProbe.tcpSocket.port: Invalid value: 0: " + PORT_RANGE),
        deployment(
            "probe exec command required",
            d -> {
              Probe probe = new Probe();
              probe.setExec(new ExecAction(List.of()));
              container(d).setLivenessProbe(probe);
            },
            CONTAINER + ".livenessProbe.exec.command: Required value"),
        deployment(
            "httpGet scheme supported",
            d ->
                container(d)
                    .setReadinessProbe(
                        probe(
                            new HTTPGetAction(null, null, "/", new IntOrString("http"), "FTP"),
                            null)),
            CONTAINER
                + ".readinessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values:"
                + " \"HTTP\", \"HTTPS\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deploymentCases")
  void rejectsAnInvalidDeployment(
      String rule, Consumer<Deployment> breakIt, List<String> messages) {
    Deployment deployment = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));
    breakIt.accept(deployment);

    assertThat(KubernetesValidator.validate(deployment))
        .extracting(FieldError::message)
        .containsExactlyElementsOf(messages);
  }

  static Stream<Arguments> serviceCases() {
    return Stream.of(
        service(
            "name is a DNS-1035 label",
            s -> s.getMetadata().setName("1api"),
            "metadata.name: Invalid value: \"1api\": a DNS-1035 label must consist of lower case"
                + " alphanumeric characters or '-', start with an alphabetic character, and end"
                + " with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for"
                + " validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
        service(
            "ports required",
            s -> s.getSpec().setPorts(new ArrayList<>()),
            "spec.ports: Required value"),
        service(
            "port in range",
            s -> port(s).setPort(0),
            "spec.ports[0].port: Invalid value: 0: " + PORT_RANGE),
        service(
            "names required with several ports",
            s -> s.getSpec().getPorts().add(servicePort(null, 80)),
            "spec.ports[1].name: Required value"),
        service(
            "port names unique",
            s -> s.getSpec().getPorts().add(servicePort("http", 80)),
            "spec.ports[1].name: Duplicate value: \"http\""),
        service(
            "port numbers unique per protocol",
            s -> s.getSpec().getPorts().add(servicePort("other", 19090)),
            "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\","
                + " AppProtocol:(*string)(nil), Port:19090, TargetPort:intstr.IntOrString{Type:0,"
                + " IntVal:0, StrVal:\"\"}, NodePort:0}"),
        service(
            "targetPort in range",
            s -> port(s).setTargetPort(new IntOrString(70000)),
            "spec.ports[0].targetPort: Invalid value: 70000: " + PORT_RANGE),
        service(
            "targetPort name is an IANA service name",
            s -> port(s).setTargetPort(new IntOrString("web_port")),
            "spec.ports[0].targetPort: Invalid value: \"web_port\": must contain only"
                + " alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
        service(
            "no nodePort on ClusterIP",
            s -> port(s).setNodePort(30080),
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
        service(
            "nodePort in range",
            s -> {
              s.getSpec().setType("NodePort");
              port(s).setNodePort(80);
            },
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range."
                + " The range of valid ports is 30000-32767"),
        service(
            "type supported",
            s -> s.getSpec().setType("Internal"),
            "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\","
                + " \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
        service(
            "sessionAffinity supported",
            s -> s.getSpec().setSessionAffinity("Sticky"),
            "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\","
                + " \"None\""),
        service(
            "selector label values valid",
            s -> s.getSpec().setSelector(Map.of("app", "-x")),
            "spec.selector[app]: Invalid value: \"-x\": " + Names.checkLabelValue("-x").get(0)),
        service(
            "clusterIP is an address",
            s -> s.getSpec().setClusterIP("10.0.0.300"),
            "spec.clusterIP: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g."
                + " 10.9.8.7 or 2001:db8::ffff)"),
        service(
            "no None for NodePort",
            s -> {
              s.getSpec().setType("NodePort");
              s.getSpec().setClusterIP("None");
            },
            "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort"
                + " services"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serviceCases")
  void rejectsAnInvalidService(String rule, Consumer<Service> breakIt, List<String> messages) {
    Service service = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));
    breakIt.accept(service);

    assertThat(KubernetesValidator.validate(service))
        .extracting(FieldError::message)
        .containsExactlyElementsOf(messages);
  }

  @Test
  void acceptsAHeadlessServiceWithoutPortsAndAnAllocatedClusterIp() {
    Service headless = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));
    headless.getSpec().setClusterIP("None");
    headless.getSpec().setPorts(new ArrayList<>());
    Service allocated = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));
    allocated.getSpec().setClusterIP("127.96.0.1");
    allocated.getSpec().setClusterIPs(List.of("127.96.0.1"));

    assertThat(KubernetesValidator.validate(headless)).isEmpty();
    assertThat(KubernetesValidator.validate(allocated)).isEmpty();
  }

  @Test
  void collectsEveryErrorAtOnce() {
    Deployment deployment = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));
    deployment.getSpec().setReplicas(-1);
    container(deployment).setImage("");
    port(deployment).setContainerPort(0);

    assertThat(KubernetesValidator.validate(deployment))
        .extracting(FieldError::message)
        .containsExactly(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            CONTAINER + ".image: Required value",
            CONTAINER + ".ports[0].containerPort: Required value");
  }

  // ---- fixtures ----

  private static Arguments deployment(
      String rule, Consumer<Deployment> breakIt, String... messages) {
    return Arguments.of(rule, breakIt, List.of(messages));
  }

  private static Arguments service(String rule, Consumer<Service> breakIt, String... messages) {
    return Arguments.of(rule, breakIt, List.of(messages));
  }

  private static RollingUpdateDeployment rollingUpdate(Deployment deployment) {
    return deployment.getSpec().getStrategy().getRollingUpdate();
  }

  private static io.fabric8.kubernetes.api.model.PodSpec podSpec(Deployment deployment) {
    DeploymentSpec spec = deployment.getSpec();
    return spec.getTemplate().getSpec();
  }

  static Container container(Deployment deployment) {
    return podSpec(deployment).getContainers().get(0);
  }

  private static ContainerPort port(Deployment deployment) {
    return container(deployment).getPorts().get(0);
  }

  private static ServicePort port(Service service) {
    return service.getSpec().getPorts().get(0);
  }

  private static ServicePort servicePort(String name, int port) {
    ServicePort servicePort = new ServicePort();
    servicePort.setName(name);
    servicePort.setPort(port);
    servicePort.setProtocol("TCP");
    servicePort.setTargetPort(new IntOrString(port));
    return servicePort;
  }

  /** A defaulted probe with the given httpGet and, when {@code tcpPort} is set, a tcpSocket. */
  private static Probe probe(HTTPGetAction httpGet, Integer tcpPort) {
    Probe probe = new Probe();
    probe.setHttpGet(httpGet);
    if (tcpPort != null) {
      probe.setTcpSocket(new TCPSocketAction(null, new IntOrString(tcpPort)));
    }
    probe.setTimeoutSeconds(1);
    probe.setPeriodSeconds(10);
    probe.setSuccessThreshold(1);
    probe.setFailureThreshold(3);
    return probe;
  }
}
