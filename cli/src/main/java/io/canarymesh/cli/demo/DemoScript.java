package io.canarymesh.cli.demo;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article, step by step, against a running platform: each step prints the command a reader
 * types and what it showed, then checks that it showed what the article describes. The first check
 * that fails ends the script.
 */
public final class DemoScript {
  static final String HOST = "micro-api.default.svc.cluster.local";
  static final String PATH = "/test/test";
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final Kubectl kubectl;
  private final PrintWriter out;
  private int checks;

  public DemoScript(Kubectl kubectl, PrintWriter out) {
    this.kubectl = kubectl;
    this.out = out;
  }

  /** Thrown when a step did not behave as the article describes. */
  public static final class StepFailed extends RuntimeException {
    StepFailed(String message) {
      super(message);
    }
  }

  /** Runs every part; returns normally only if every check passed. */
  public void run() {
    rollingUpdate();
    canaryByPausing();
    meshCanary();
    out.printf("%nAll %d checks passed: every step behaved as the article describes.%n", checks);
    out.flush();
  }

  void rollingUpdate() {
    heading("Part 1 — a rolling update");
    expect(kubectl.run("apply", "-f", "micro-api.yaml"), "deployment.apps/micro-api created");
    rolledOut("micro-api");
    Kubectl.Result deployments = kubectl.run("get", "deployments");
    check(
        Pattern.compile("(?m)^micro-api\\s+3/3\\s+3\\s+3\\s").matcher(deployments.output()).find(),
        "kubectl get deployments shows micro-api 3/3 3 3");
    expect(
        kubectl.run(
            "set",
            "image",
            "deployment/micro-api",
            "micro-api=registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.1-SNAPSHOT"),
        "deployment.apps/micro-api image updated");
    rolledOut("micro-api");
    Kubectl.Result describe = kubectl.run("describe", "deployment", "micro-api");
    check(
        describe.output().contains("ScalingReplicaSet")
            && describe.output().contains("Scaled up replica set micro-api-")
            && describe.output().contains("Scaled down replica set micro-api-"),
        "kubectl describe shows the ScalingReplicaSet events of the rolling update");
  }

  void canaryByPausing() {
    heading("Part 2 — a canary by pausing the rollout");
    expect(
        kubectl.run("apply", "-f", "micro-api-canary.yaml"),
        "deployment.apps/micro-api configured");
    expect(kubectl.run("rollout", "pause", "deployment/micro-api"), "paused");
    waitFor(
        "old and canary pods to run side by side",
        () -> {
          String pods = quiet("get", "pods", "-l", "app=micro-api", "--show-labels");
          return readyPods(pods, true) > 0 && readyPods(pods, false) > 0;
        });
    kubectl.run("get", "pods", "--show-labels", "-o", "wide");
    kubectl.run("get", "deployments");
    InetSocketAddress service = clusterAddress();
    TrafficMix mix = traffic(service, 40);
    check(
        mix.failed() == 0 && mix.v3() > 0 && mix.older() > 0,
        "traffic through the ClusterIP reaches both the old and the canary version at random");
    expect(kubectl.run("rollout", "resume", "deployment", "micro-api"), "resumed");
    rolledOut("micro-api");
    kubectl.run("get", "pods", "--show-labels", "-o", "wide");
    TrafficMix resumed = traffic(service, 20);
    check(
        resumed.failed() == 0 && resumed.v3() == resumed.requests(),
        "after resume every reply is V3");
    expect(kubectl.run("rollout", "undo", "deployment/micro-api"), "rolled back");
    rolledOut("micro-api");
    TrafficMix undone = traffic(service, 20);
    check(
        undone.failed() == 0 && undone.older() == undone.requests(),
        "after undo every reply comes from the previous version");
  }

  void meshCanary() {
    heading("Part 3 — a precise canary with the mesh");
    out.println("(part 3 starts from separate v1 and v2 Deployments: the part 1 Deployment goes)");
    expect(kubectl.run("delete", "deployment", "micro-api"), "deleted");
    expect(kubectl.run("apply", "-f", "micro-api-canary-istio-v1.yaml"), "micro-api-v1 created");
    expect(kubectl.run("apply", "-f", "micro-api-canary-istio-v2.yaml"), "micro-api-v2 created");
    rolledOut("micro-api-v1");
    rolledOut("micro-api-v2");
    kubectl.run("get", "pods");
    expect(kubectl.run("apply", "-f", "micro-gateway.yaml"), "micro-gateway created");
    expect(kubectl.run("apply", "-f", "virtual-service-all.yaml"), "micro-api-route created");
    expect(
        kubectl.run("apply", "-f", "destination-rule-all.yaml"), "micro-api-destination created");
    Kubectl.Result deployments = kubectl.run("get", "deploy");
    check(
        Pattern.compile("(?m)^micro-api-v1\\s+3/3\\s+3\\s+3\\s")
                .matcher(deployments.output())
                .find()
            && Pattern.compile("(?m)^micro-api-v2\\s+3/3\\s+3\\s+3\\s")
                .matcher(deployments.output())
                .find(),
        "micro-api-v1 and micro-api-v2 are 3/3 3 3");
    kubectl.run("get", "svc", "micro-api");
    expect(kubectl.run("get", "vs"), "micro-gateway");
    expect(kubectl.run("get", "dr"), "micro-api-destination");
    InetSocketAddress ingress = ingressAddress();
    waitFor("the gateway to route " + HOST, () -> HttpProbe.get(ingress, HOST, PATH).ok());
    TrafficMix split = traffic(ingress, 1000);
    check(
        split.failed() == 0 && Math.abs(split.v3Percent() - 30.0) <= 1.0,
        "through the ingress gateway 30% ± 1 point of 1,000 requests reach v2");
    expect(kubectl.run("apply", "-f", "virtual-service-v2.yaml"), "micro-api-route configured");
    long applied = System.nanoTime();
    waitFor(
        "every request to reach v2", () -> TrafficMix.measure(ingress, HOST, PATH, 10).v3() == 10);
    long switchMillis = Duration.ofNanos(System.nanoTime() - applied).toMillis();
    check(
        switchMillis <= 1000,
        "all traffic is on v2 within a second of the apply (" + switchMillis + " ms)");
    TrafficMix all = traffic(ingress, 1000);
    check(all.failed() == 0 && all.v3() == all.requests(), "all 1,000 requests reach v2");
  }

  private void heading(String title) {
    out.printf("%n== %s ==%n", title);
    out.flush();
  }

  private void rolledOut(String deployment) {
    expect(
        kubectl.run("rollout", "status", "deployment/" + deployment, "--timeout=150s"),
        "deployment \"" + deployment + "\" successfully rolled out");
  }

  private void expect(Kubectl.Result result, String shows) {
    check(
        result.ok() && result.output().contains(shows),
        "the command succeeds and shows \"" + shows + "\"");
  }

  private void check(boolean passed, String what) {
    checks++;
    if (!passed) {
      out.println("✗ " + what);
      out.flush();
      throw new StepFailed(what);
    }
    out.println("✓ " + what);
    out.flush();
  }

  private void waitFor(String what, BooleanSupplier condition) {
    out.print("… waiting for " + what);
    out.flush();
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        out.println();
        check(false, what + " within " + SETTLE.toSeconds() + " s");
      }
      out.print('.');
      out.flush();
      try {
        Thread.sleep(250); // a human-paced poll of a slow outcome (pods starting), not a test wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepFailed("interrupted");
      }
    }
    out.println(" done");
    out.flush();
  }

  private TrafficMix traffic(InetSocketAddress address, int n) {
    out.printf(
        "$ for i in $(seq %d); do curl -s -H \"Host: %s\" %s:%d%s; done%n",
        n, HOST, address.getHostString(), address.getPort(), PATH);
    TrafficMix mix = TrafficMix.measure(address, HOST, PATH, n);
    out.println("  " + mix);
    out.flush();
    return mix;
  }

  private String quiet(String... args) {
    return kubectl.runQuietly(args).output();
  }

  /**
   * The Service's ClusterIP and port, from {@code kubectl get svc micro-api} as the article reads
   * it.
   */
  private InetSocketAddress clusterAddress() {
    Kubectl.Result result = kubectl.run("get", "svc", "micro-api");
    List<String> columns = row(result.output(), "micro-api");
    check(columns.size() >= 5, "kubectl get svc micro-api shows its ClusterIP");
    return new InetSocketAddress(columns.get(2), firstPort(columns.get(4)));
  }

  /** The ingress gateway: 127.0.0.1 (its load-balancer address) on the node port of port 80. */
  private InetSocketAddress ingressAddress() {
    Kubectl.Result result = kubectl.run("get", "svc", "-n", "istio-system");
    List<String> columns = row(result.output(), "istio-ingressgateway");
    check(
        columns.size() >= 5
            && columns.get(1).equals("LoadBalancer")
            && columns.get(3).equals("127.0.0.1"),
        "istio-ingressgateway is a LoadBalancer at 127.0.0.1");
    Matcher port = Pattern.compile("(?:^|,)80:(\\d+)/TCP").matcher(columns.get(4));
    check(port.find(), "istio-ingressgateway exposes port 80 on a node port");
    return new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1)));
  }

  private static List<String> row(String table, String name) {
    return table
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .findFirst()
        .map(line -> Arrays.asList(line.trim().split("\\s+")))
        .orElse(List.of());
  }

  private static int firstPort(String ports) {
    return Integer.parseInt(ports.split("[/:,]")[0]);
  }

  /** Ready pods ({@code 1/1}) with or without the canary label in a {@code --show-labels} table. */
  static long readyPods(String table, boolean canary) {
    return table
        .lines()
        .skip(1)
        .filter(line -> line.contains(" 1/1 ") && line.contains(" Running "))
        .filter(line -> line.contains("track=canary") == canary)
        .count();
  }
}
