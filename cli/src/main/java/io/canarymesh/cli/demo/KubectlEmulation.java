package io.canarymesh.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The kubectl commands the demo uses, done through the API with fabric8 when kubectl is not
 * installed, printing what kubectl would print: {@code get} renders the API server's own Tables,
 * {@code rollout status} reports as kubectl's status viewer does, {@code rollout undo} sends the
 * previous revision's template back as kubectl does. Only the demo's commands are understood.
 */
public final class KubectlEmulation implements Kubectl {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMESPACE = "default";
  private static final Duration POLL = Duration.ofMillis(250);

  private final KubernetesClient client;
  private final Path workDir;
  private final PrintWriter out;

  public KubectlEmulation(KubernetesClient client, Path workDir, PrintWriter out) {
    this.client = client;
    this.workDir = workDir;
    this.out = out;
  }

  @Override
  public Result run(String... args) {
    out.println("$ kubectl " + String.join(" ", args));
    out.flush();
    return execute(
        line -> {
          out.println("  " + line);
          out.flush();
        },
        args);
  }

  @Override
  public Result runQuietly(String... args) {
    return execute(line -> {}, args);
  }

  /** Runs one command; {@code live} sees each line of output as soon as it is known. */
  private Result execute(Consumer<String> live, String... args) {
    Outcome outcome = dispatch(live, List.of(args));
    if (!outcome.streamed()) {
      outcome.result().output().lines().forEach(live);
    }
    return outcome.result();
  }

  /** A result, and whether its lines already went to the live consumer. */
  private record Outcome(Result result, boolean streamed) {}

  private Outcome dispatch(Consumer<String> live, List<String> words) {
    if (words.size() >= 2 && words.get(0).equals("rollout") && words.get(1).equals("status")) {
      try {
        return new Outcome(status(target(words), Duration.ofSeconds(150), live), true);
      } catch (KubernetesClientException e) {
        return new Outcome(new Result(1, "Error from server: " + e.getMessage()), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(new Result(1, "interrupted"), false);
      }
    }
    return new Outcome(runCommand(words), false);
  }

  private Result runCommand(List<String> words) {
    try {
      return switch (words.get(0)) {
        case "apply" -> apply(words);
        case "get" -> get(words);
        case "set" -> setImage(words);
        case "describe" -> describe(words);
        case "delete" -> delete(words);
        case "rollout" -> rollout(words);
        default -> new Result(1, "error: the demo does not emulate kubectl " + words.get(0));
      };
    } catch (KubernetesClientException | IOException e) {
      return new Result(1, "Error from server: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(1, "interrupted");
    }
  }

  private Result apply(List<String> words) throws IOException {
    StringBuilder output = new StringBuilder();
    try (InputStream in = Files.newInputStream(workDir.resolve(value(words, "-f")))) {
      for (HasMetadata item : client.load(in).items()) {
        var resource = client.resource(item).inNamespace(namespaceOf(item));
        HasMetadata existing = resource.get();
        String shown = resourceName(item) + "/" + item.getMetadata().getName();
        if (existing == null) {
          resource.create();
          output.append(shown).append(" created\n");
        } else {
          String before = existing.getMetadata().getResourceVersion();
          HasMetadata after =
              resource.patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(item));
          boolean changed = !before.equals(after.getMetadata().getResourceVersion());
          output.append(shown).append(changed ? " configured\n" : " unchanged\n");
        }
      }
    }
    return new Result(0, output.toString());
  }

  /**
   * {@code get TYPE [NAME] [-n NS] [-l SELECTOR] [--show-labels] [-o wide]}: the server's Table.
   */
  private Result get(List<String> words) throws IOException, InterruptedException {
    String type = words.get(1);
    String name = words.size() > 2 && !words.get(2).startsWith("-") ? words.get(2) : null;
    String namespace = words.contains("-n") ? value(words, "-n") : NAMESPACE;
    String path =
        switch (type) {
          case "deployments", "deploy" -> "/apis/apps/v1/namespaces/" + namespace + "/deployments";
          case "pods" -> "/api/v1/namespaces/" + namespace + "/pods";
          case "svc" -> "/api/v1/namespaces/" + namespace + "/services";
          case "vs" -> "/apis/networking.istio.io/v1/namespaces/" + namespace + "/virtualservices";
          case "dr" -> "/apis/networking.istio.io/v1/namespaces/" + namespace + "/destinationrules";
          default -> throw new IOException("the demo does not emulate kubectl get " + type);
        };
    StringBuilder query = new StringBuilder("?includeObject=Object");
    if (name != null) {
      query.append("&fieldSelector=metadata.name%3D").append(name);
    }
    if (words.contains("-l")) {
      query.append("&labelSelector=").append(value(words, "-l").replace("=", "%3D"));
    }
    JsonNode table = table(path + query);
    boolean wide = words.contains("wide");
    boolean labels = words.contains("--show-labels");
    return new Result(0, TableText.render(table, wide, labels));
  }

  private JsonNode table(String path) throws IOException, InterruptedException {
    String base = client.getConfiguration().getMasterUrl().replaceAll("/$", "");
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(base + path)
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
            .build();
    try {
      HttpResponse<String> response =
          client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
      if (response.code() != 200) {
        throw new IOException(response.body());
      }
      return JSON.readTree(response.body());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** {@code set image deployment/NAME CONTAINER=IMAGE}. */
  private Result setImage(List<String> words) {
    String name = words.get(2).substring(words.get(2).indexOf('/') + 1);
    String[] assignment = words.get(3).split("=", 2);
    ObjectNode container = JSON.createObjectNode();
    container.put("name", assignment[0]).put("image", assignment[1]);
    ObjectNode patch = JSON.createObjectNode();
    patch
        .putObject("spec")
        .putObject("template")
        .putObject("spec")
        .putArray("containers")
        .add(container);
    strategicMerge(name, patch);
    return new Result(0, "deployment.apps/" + name + " image updated\n");
  }

  private Result describe(List<String> words) {
    Deployment d = deployment(words.get(2)).get();
    var status = d.getStatus();
    StringBuilder text = new StringBuilder();
    text.append("Name:               ").append(d.getMetadata().getName()).append('\n');
    text.append("Namespace:          ").append(d.getMetadata().getNamespace()).append('\n');
    text.append(
        String.format(
            "Replicas:           %d desired | %d updated | %d total | %d available | %d unavailable%n",
            d.getSpec().getReplicas(),
            orZero(status.getUpdatedReplicas()),
            orZero(status.getReplicas()),
            orZero(status.getAvailableReplicas()),
            orZero(status.getUnavailableReplicas())));
    text.append("Events:\n  Type    Reason             From                   Message\n");
    client.v1().events().inNamespace(d.getMetadata().getNamespace()).list().getItems().stream()
        .filter(e -> d.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .sorted(Comparator.comparing(e -> String.valueOf(e.getFirstTimestamp())))
        .forEach(
            e ->
                text.append(
                    String.format(
                        "  %-7s %-18s %-22s %s%n",
                        e.getType(),
                        e.getReason(),
                        e.getSource() == null ? "" : e.getSource().getComponent(),
                        e.getMessage())));
    return new Result(0, text.toString());
  }

  private Result delete(List<String> words) {
    String name = words.get(2);
    deployment(name).delete();
    return new Result(0, "deployment.apps \"" + name + "\" deleted\n");
  }

  private Result rollout(List<String> words) {
    String verb = words.get(1);
    String name = target(words);
    return switch (verb) {
      case "pause" -> paused(name, true);
      case "resume" -> paused(name, false);
      case "undo" -> undo(name);
      default -> new Result(1, "error: the demo does not emulate kubectl rollout " + verb);
    };
  }

  /** {@code deployment/NAME} or {@code deployment NAME}. */
  private static String target(List<String> words) {
    String target = words.get(2);
    return target.contains("/") ? target.substring(target.indexOf('/') + 1) : words.get(3);
  }

  private Result paused(String name, boolean paused) {
    ObjectNode patch = JSON.createObjectNode();
    if (paused) {
      patch.putObject("spec").put("paused", true);
    } else {
      patch.putObject("spec").putNull("paused");
    }
    strategicMerge(name, patch);
    return new Result(0, "deployment.apps/" + name + (paused ? " paused\n" : " resumed\n"));
  }

  /** As kubectl: the previous revision's template, without its pod-template-hash, sent back. */
  private Result undo(String name) {
    Deployment d = deployment(name).get();
    List<ReplicaSet> owned =
        client.apps().replicaSets().inNamespace(NAMESPACE).list().getItems().stream()
            .filter(
                rs ->
                    rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid().equals(d.getMetadata().getUid())))
            .sorted(Comparator.comparingLong(KubectlEmulation::revision).reversed())
            .toList();
    if (owned.size() < 2) {
      return new Result(1, "error: no rollout history found for deployment \"" + name + "\"");
    }
    PodTemplateSpec template = owned.get(1).getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.remove("pod-template-hash");
    template.getMetadata().setLabels(labels);
    ObjectNode replace = JSON.createObjectNode();
    replace
        .put("op", "replace")
        .put("path", "/spec/template")
        .set("value", JSON.valueToTree(template));
    deployment(name)
        .patch(PatchContext.of(PatchType.JSON), JSON.createArrayNode().add(replace).toString());
    return new Result(0, "deployment.apps/" + name + " rolled back\n");
  }

  /** kubectl's deployment status viewer, polled; each new line printed as it appears. */
  private Result status(String name, Duration timeout, Consumer<String> live)
      throws InterruptedException {
    StringBuilder output = new StringBuilder();
    String last = "";
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Deployment d = deployment(name).get();
      Optional<String> done = RolloutStatusText.done(d);
      String line = done.orElseGet(() -> RolloutStatusText.waiting(d));
      if (!line.equals(last)) {
        output.append(line).append('\n');
        live.accept(line);
        last = line;
      }
      if (done.isPresent()) {
        return new Result(line.startsWith("error") ? 1 : 0, output.toString());
      }
      Thread.sleep(POLL); // a status poll, as kubectl's watch would wake on each change
    }
    live.accept("error: timed out waiting for the condition");
    return new Result(1, output + "error: timed out waiting for the condition\n");
  }

  /**
   * Patches as kubectl does: a strategic merge patch without a resourceVersion, so a controller
   * updating the Deployment meanwhile cannot make the command fail with a conflict.
   */
  private void strategicMerge(String name, ObjectNode patch) {
    deployment(name).patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch.toString());
  }

  private io.fabric8.kubernetes.client.dsl.RollableScalableResource<Deployment> deployment(
      String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name);
  }

  private static long revision(ReplicaSet rs) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    String value =
        annotations == null ? null : annotations.get("deployment.kubernetes.io/revision");
    return value == null ? 0 : Long.parseLong(value);
  }

  private static String resourceName(HasMetadata item) {
    String apiVersion = item.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = item.getKind().toLowerCase(java.util.Locale.ROOT);
    return group.isEmpty() ? kind : kind + "." + group;
  }

  private static String namespaceOf(HasMetadata item) {
    String namespace = item.getMetadata().getNamespace();
    return namespace == null ? NAMESPACE : namespace;
  }

  private static String value(List<String> words, String flag) {
    return words.get(words.indexOf(flag) + 1);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
