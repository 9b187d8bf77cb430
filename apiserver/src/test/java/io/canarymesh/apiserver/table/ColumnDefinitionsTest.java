package io.canarymesh.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind's columns, as {@code name|type|format|priority}, exactly as kube-apiserver's printers
 * (core, apps) and Istio's CRD printer columns (networking.istio.io) declare them.
 */
class ColumnDefinitionsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          pods; Name|string|name|0, Ready|string||0, Status|string||0, Restarts|string||0, \
          Age|string||0, IP|string||1, Node|string||1, Nominated Node|string||1, \
          Readiness Gates|string||1
          deployments; Name|string|name|0, Ready|string||0, Up-to-date|string||0, \
          Available|string||0, Age|string||0, Containers|string||1, Images|string||1, \
          Selector|string||1
          replicasets; Name|string|name|0, Desired|integer||0, Current|integer||0, \
          Ready|integer||0, Age|string||0, Containers|string||1, Images|string||1, \
          Selector|string||1
          services; Name|string|name|0, Type|string||0, Cluster-IP|string||0, \
          External-IP|string||0, Port(s)|string||0, Age|string||0, Selector|string||1
          endpoints; Name|string|name|0, Endpoints|string||0, Age|string||0
          namespaces; Name|string|name|0, Status|string||0, Age|string||0
          events; Last Seen|string||0, Type|string||0, Reason|string||0, Object|string||0, \
          Subobject|string||1, Source|string||1, Message|string||0, First Seen|string||1, \
          Count|string||1, Name|string|name|1
          configmaps; Name|string|name|0, Data|string||0, Age|string||0
          secrets; Name|string|name|0, Type|string||0, Data|string||0, Age|string||0
          virtualservices; Name|string|name|0, Gateways|string||0, Hosts|string||0, Age|date||0
          destinationrules; Name|string|name|0, Host|string||0, Age|date||0
          gateways; Name|string|name|0, Age|date||0
          serviceentries; Name|string|name|0, Hosts|string||0, Location|string||0, \
          Resolution|string||0, Age|date||0
          workloadentries; Name|string|name|0, Age|date||0, Address|string||0
          """)
  void columnsOfEachKind(String plural, String expected) {
    assertThat(TableFixtures.columns(plural))
        .containsExactlyElementsOf(Arrays.stream(expected.split(",")).map(String::strip).toList());
  }
}
