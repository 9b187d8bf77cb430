package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Istio kinds print their CRD's additionalPrinterColumns the way apiextensions-apiserver does: a
 * list in a {@code string} column is compact JSON, so {@code kubectl get vs} shows GATEWAYS {@code
 * ["micro-gateway"]} exactly like a real Istio cluster; a missing value is a null cell.
 */
class IstioPrintersTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          virtualservices | the article's 70/30 split | \
          {metadata: {name: micro-api-route, creationTimestamp: '2025-06-01T11:55:00Z'}, \
          spec: {hosts: [micro-api.default.svc.cluster.local], gateways: [micro-gateway], \
          http: [{route: [{destination: {host: micro-api.default.svc.cluster.local, subset: v1}, weight: 70}]}]}} | \
          ["micro-api-route","[\\"micro-gateway\\"]","[\\"micro-api.default.svc.cluster.local\\"]","5m"]
          virtualservices | mesh-only, two hosts | \
          {metadata: {name: reviews, creationTimestamp: '2025-06-01T11:59:52Z'}, spec: {hosts: [reviews, ratings]}} | \
          ["reviews",null,"[\\"reviews\\",\\"ratings\\"]","8s"]
          destinationrules | the article's subsets | \
          {metadata: {name: micro-api-destination, creationTimestamp: '2025-06-01T11:40:00Z'}, \
          spec: {host: micro-api, subsets: [{name: v1, labels: {version: v1}}]}} | \
          ["micro-api-destination","micro-api","20m"]
          gateways | the article's gateway | \
          {metadata: {name: micro-gateway, creationTimestamp: '2025-06-01T08:00:00Z'}, \
          spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]}} | \
          ["micro-gateway","4h"]
          serviceentries | an external API | \
          {metadata: {name: httpbin-ext, creationTimestamp: '2025-06-01T09:00:00Z'}, \
          spec: {hosts: [httpbin.org], location: MESH_EXTERNAL, resolution: DNS, ports: [{number: 80, name: http, protocol: HTTP}]}} | \
          ["httpbin-ext","[\\"httpbin.org\\"]","MESH_EXTERNAL","DNS","3h"]
          serviceentries | without location | \
          {metadata: {name: se}, spec: {hosts: [a.example], resolution: STATIC}} | \
          ["se","[\\"a.example\\"]",null,"STATIC",null]
          workloadentries | a VM, age before address | \
          {metadata: {name: vm-1, creationTimestamp: '2025-05-31T12:00:00Z'}, spec: {address: 192.0.2.10, labels: {app: micro-api}}} | \
          ["vm-1","24h","192.0.2.10"]
          """)
  void cellsOfIstioKinds(String plural, String name, String object, String expected) {
    assertThat(cells(plural, object)).isEqualTo(expected);
  }
}
