package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoints, events, namespaces, config maps and secrets. */
class CorePrintersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          no subsets | \
          {metadata: {name: micro-api}} | \
          ["micro-api","<none>","<unknown>"]
          three pods of the article | \
          {metadata: {name: micro-api}, subsets: [{addresses: [{ip: 127.244.0.1}, {ip: 127.244.0.2}, \
          {ip: 127.244.0.3}], ports: [{name: http, port: 9090, protocol: TCP}]}]} | \
          ["micro-api","127.244.0.1:9090,127.244.0.2:9090,127.244.0.3:9090","<unknown>"]
          more than three, port by port | \
          {metadata: {name: kube-dns}, subsets: [{addresses: [{ip: 10.1.0.20}, {ip: 10.1.0.21}], \
          ports: [{port: 53}, {port: 9153}]}, {addresses: [{ip: 10.1.0.22}], ports: [{port: 53}]}]} | \
          ["kube-dns","10.1.0.20:53,10.1.0.21:53,10.1.0.20:9153 + 2 more...","<unknown>"]
          headless without ports, IPv6 | \
          {metadata: {name: db}, subsets: [{addresses: [{ip: 10.1.0.5}]}, \
          {addresses: [{ip: 'fd00::5'}], ports: [{port: 5432}]}]} | \
          ["db","10.1.0.5,[fd00::5]:5432","<unknown>"]
          """)
  void endpoints(String name, String endpoints, String expected) {
    assertThat(cells("endpoints", endpoints)).isEqualTo(expected);
  }

  /** Cells in column order: the wide SUBOBJECT, SOURCE sit before MESSAGE. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          deployment controller scaling, seen 3 times | \
          {metadata: {name: micro-api.17d9a3b2c1}, type: Normal, reason: ScalingReplicaSet, \
          involvedObject: {kind: Deployment, name: micro-api, namespace: default}, \
          source: {component: deployment-controller}, count: 3, \
          firstTimestamp: '2025-06-01T11:50:00Z', lastTimestamp: '2025-06-01T11:58:00Z', \
          message: "Scaled up replica set micro-api-5d8f7c9b4 to 2 from 1\\n"} | \
          ["2m","Normal","ScalingReplicaSet","deployment/micro-api","","deployment-controller",\
          "Scaled up replica set micro-api-5d8f7c9b4 to 2 from 1","10m",3,"micro-api.17d9a3b2c1"]
          kubelet, with host and field path, never seen again | \
          {metadata: {name: p.1}, type: Warning, reason: Failed, \
          involvedObject: {kind: Pod, name: micro-api-x, fieldPath: 'spec.containers{micro-api}'}, \
          source: {component: kubelet, host: canary-node}, count: 1, \
          firstTimestamp: '2025-06-01T11:59:15Z', message: 'Failed to pull image'} | \
          ["45s","Warning","Failed","pod/micro-api-x","spec.containers{micro-api}",\
          "kubelet, canary-node","Failed to pull image","45s",1,"p.1"]
          new-style event with a series | \
          {metadata: {name: e.2}, type: Normal, reason: Pulled, involvedObject: {kind: Pod, name: p}, \
          reportingComponent: kubelet, reportingInstance: node-1, eventTime: '2025-06-01T08:00:00.000000Z', \
          series: {count: 7, lastObservedTime: '2025-06-01T11:59:00.123456Z'}, message: ok} | \
          ["59s","Normal","Pulled","pod/p","","kubelet, node-1","ok","4h",7,"e.2"]
          singleton without count or times, about a kind only | \
          {metadata: {name: e.3}, type: Normal, reason: Started, involvedObject: {kind: Node}} | \
          ["<unknown>","Normal","Started","node","","","","<unknown>",1,"e.3"]
          """)
  void events(String name, String event, String expected) {
    assertThat(cells("events", event)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          namespaces | \
          {metadata: {name: istio-system, creationTimestamp: '2025-05-31T12:00:00Z'}, status: {phase: Active}} | \
          ["istio-system","Active","24h"]
          namespaces | \
          {metadata: {name: old, creationTimestamp: '2024-12-01T00:00:00Z', deletionTimestamp: '2025-06-01T11:59:00Z'}, \
          status: {phase: Terminating}} | \
          ["old","Terminating","182d"]
          configmaps | \
          {metadata: {name: image-catalog}, data: {catalog.yaml: x, README: y}, binaryData: {logo.png: AA==}} | \
          ["image-catalog",3,"<unknown>"]
          configmaps | \
          {metadata: {name: empty}} | \
          ["empty",0,"<unknown>"]
          secrets | \
          {metadata: {name: regcred}, type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: e30=}} | \
          ["regcred","kubernetes.io/dockerconfigjson",1,"<unknown>"]
          secrets | \
          {metadata: {name: plain}} | \
          ["plain","Opaque",0,"<unknown>"]
          """)
  void namespacesConfigMapsAndSecrets(String plural, String object, String expected) {
    assertThat(cells(plural, object)).isEqualTo(expected);
  }
}
