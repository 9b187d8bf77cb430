package io.canarymesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {
  record Result(int exitCode, String out, String err) {}

  static Result analyze(String... args) {
    CommandLine cli = CanaryCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "analyze";
    System.arraycopy(args, 0, full, 1, args.length);
    int code = cli.execute(full);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void theArticlesManifestsAreValidWithTheTargetPortWarning() {
    Result result = analyze("../scenarios/seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("micro-api.yaml: service/micro-api valid")
        .contains(
            "destination-rule-all.yaml: destinationrule.networking.istio.io/micro-api-destination valid")
        .contains(
            "Warning [CM0001] (Service default/micro-api) Service port \"http\" (port 19090)"
                + " targets port 9090, which is not a containerPort of Deployment"
                + " default/micro-api-v2 (containerPorts: 19090)")
        .contains("10 resources checked in 8 files: 0 invalid, 0 analysis errors, 3 warnings");
  }

  @Test
  void invalidResourcesAreListedWithEveryFieldError(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("deploy.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: -1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
        """);

    Result result = analyze(dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("deployment.apps/web invalid:")
        .contains("  * spec.replicas: Invalid value: -1: must be greater than or equal to 0")
        .contains("  * spec.template.spec.containers[0].image: Required value")
        .contains("1 resources checked in 1 files: 1 invalid");
  }

  @Test
  void decodeErrorsNameTheFileLineAndField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{port: 80}]
          selectr: {app: web}
        """);

    Result result = analyze(file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains(file + ": error: document 1, line 6, column 3: unknown field \"spec.selectr\"");
  }

  @Test
  void danglingReferencesAreAnalysisErrors(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("vs.yaml"),
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [micro-api]
          gateways: [missing-gateway]
          http:
          - route:
            - destination: {host: micro-api}
        """);

    Result result = analyze(dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("Error [IST0101] (VirtualService default/r) Referenced gateway not found:");
  }

  @Test
  void aMissingPathIsAnError() {
    Result result = analyze("no/such/dir");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("error: the path \"no/such/dir\" does not exist");
  }
}
