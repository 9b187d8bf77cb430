package io.canarymesh.model.validation.istio;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.validation.FieldError;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IstioValidatorTest {

  static Stream<String> seedFiles() {
    return Manifests.seedFiles().stream();
  }

  @ParameterizedTest
  @MethodSource("seedFiles")
  void seedManifestsAreValid(String file) {
    for (HasMetadata object : Manifests.seed(file)) {
      assertThat(IstioValidator.validate(object)).as(file).isEmpty();
    }
  }

  @Test
  void nonIstioKindsAreLeftToOtherValidators() {
    assertThat(IstioValidator.validate(new Service())).isEmpty();
  }

  @Test
  void missingSpecIsValidatedAsEmpty() {
    assertThat(messages(new VirtualService()))
        .containsExactly(
            "spec.http: Required value: http, tcp or tls must be provided in virtual service");
  }

  @Test
  void collectsEveryErrorWithItsPath() {
    String yaml =
        virtualService(
            """
            hosts: [micro-api]
            http:
            - timeout: "5"
              route:
              - destination: {host: micro-api, subset: v_1}
                weight: -1
              - destination: {host: micro-api, port: {number: 0}}
                weight: 10
            """);
    assertThat(messages(yaml))
        .containsExactly(
            "spec.http[0].route[0].destination.subset: Invalid value: \"v_1\": subset name is invalid: v_1",
            "spec.http[0].route[0].weight: Invalid value: -1: weight -1 < 0",
            "spec.http[0].route[1].destination.port.number: Invalid value: 0: port number 0 must be in"
                + " the range 1..65535",
            "spec.http[0].timeout: Invalid value: \"5\": time: missing unit in duration \"5\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVariants")
  void acceptsWhatIstioAccepts(String name, String yaml) {
    assertThat(messages(yaml)).isEmpty();
  }

  static Stream<Arguments> validVariants() {
    return Stream.of(
        Arguments.of(
            "relative weights need not sum to 100",
            virtualService(
                """
                hosts: [micro-api]
                http:
                - route:
                  - {destination: {host: micro-api, subset: v1}, weight: 1}
                  - {destination: {host: micro-api, subset: v2}, weight: 3}
                """)),
        Arguments.of(
            "a single destination may weigh 0 or omit its weight",
            virtualService(
                """
                hosts: [micro-api, "*.example.com", 10.0.0.1]
                http:
                - route:
                  - {destination: {host: micro-api}, weight: 0}
                - route:
                  - destination: {host: micro-api.default}
                """)),
        Arguments.of(
            "a delegate (no hosts) and the other actions",
            virtualService(
                """
                http:
                - match: [{uri: {prefix: ""}, headers: {x-user: {regex: "a.*"}}, port: 8080}]
                  redirect: {uri: /new, redirectCode: 301}
                - directResponse: {status: 503}
                - route: [{destination: {host: reviews}}]
                  timeout: 1.5s
                  retries: {attempts: 3, perTryTimeout: 100ms, retryOn: "5xx,503,connect-failure"}
                  fault: {delay: {fixedDelay: 5s, percentage: {value: 0.5}}, abort: {httpStatus: 503, percentage: {value: 10}}}
                  mirrorPercentage: {value: 50}
                  corsPolicy: {allowOrigins: [{exact: "https://a.com"}], allowMethods: [GET, POST], maxAge: 24h}
                  headers: {request: {set: {host: example.com, x-a: "%HOSTNAME% 100%%"}}}
                """)),
        Arguments.of(
            "gateways by name, namespace/name and mesh",
            virtualService(
                """
                hosts: [micro-api]
                gateways: [micro-gateway, istio-system/ingress, mesh]
                tcp:
                - route: [{destination: {host: micro-api, port: {number: 9000}}}]
                """)),
        Arguments.of(
            "destination rule with every policy",
            destinationRule(
                """
                host: "*.example.com"
                trafficPolicy:
                  loadBalancer: {consistentHash: {httpCookie: {name: user, ttl: 0s}, maglev: {tableSize: 65537}}}
                  connectionPool: {tcp: {maxConnections: 0, connectTimeout: 10s, idleTimeout: 0s}, http: {idleTimeout: 1h}}
                  outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                  portLevelSettings:
                  - port: {number: 80}
                    loadBalancer: {simple: LEAST_REQUEST}
                subsets:
                - name: V1
                  labels: {version: v1}
                  trafficPolicy: {loadBalancer: {simple: RANDOM}}
                """)),
        Arguments.of(
            "https gateway with a credential, and an http redirect server",
            gateway(
                """
                selector: {istio: ingressgateway}
                servers:
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [default/micro-api.example.com, "*/*.example.com"]
                  tls: {mode: SIMPLE, credentialName: micro-api-cert}
                - port: {number: 80, name: http, protocol: http}
                  hosts: ["*"]
                  tls: {httpsRedirect: true}
                """)),
        Arguments.of(
            "service entry with DNS resolution and hostname endpoints",
            serviceEntry(
                """
                hosts: [api.example.com]
                ports: [{number: 443, name: https, protocol: TLS}]
                resolution: DNS
                endpoints: [{address: api-1.example.com, ports: {https: 8443}}]
                """)),
        Arguments.of(
            "workload entry with a host name",
            workloadEntry("address: vm1.example.com\nports: {http: 8080}\nlabels: {app: vm}\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void rejectsWithIstiosReasonAtTheField(String rule, String yaml, List<String> expected) {
    assertThat(messages(yaml)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalidManifests() {
    return Stream.of(
        // VirtualService
        invalid(
            "negative weight",
            routeTo("- {destination: {host: micro-api}, weight: -1}"),
            "spec.http[0].route[0].weight: Invalid value: -1: weight -1 < 0"),
        invalid(
            "all destinations weigh zero",
            routeTo("- {destination: {host: a}, weight: 0}\n- {destination: {host: b}, weight: 0}"),
            "spec.http[0].route: Invalid value: 0: total destination weight = 0"),
        invalid(
            "destination host required",
            routeTo("- {destination: {subset: v1}}"),
            "spec.http[0].route[0].destination.host: Required value"),
        invalid(
            "destination required",
            routeTo("- {weight: 100}"),
            "spec.http[0].route[0].destination: Required value: destination is required"),
        invalid(
            "destination host is not *",
            routeTo("- {destination: {host: \"*\"}}"),
            "spec.http[0].route[0].destination.host: Invalid value: \"*\": invalid destination host *"),
        invalid(
            "destination port in range",
            routeTo("- {destination: {host: a, port: {number: 70000}}}"),
            "spec.http[0].route[0].destination.port.number: Invalid value: 70000: port number 70000"
                + " must be in the range 1..65535"),
        invalid(
            "host syntax",
            virtualService("hosts: [micro_api]\nhttp: [{route: [{destination: {host: a}}]}]\n"),
            "spec.hosts[0]: Invalid value: \"micro_api\": domain name \"micro_api\" invalid (label"
                + " \"micro_api\" invalid)"),
        invalid(
            "numeric top-level domain",
            virtualService("hosts: [a.123]\nhttp: [{route: [{destination: {host: a}}]}]\n"),
            "spec.hosts[0]: Invalid value: \"a.123\": domain name \"a.123\" invalid (top level"
                + " domain \"123\" cannot be all-numeric)"),
        invalid(
            "* is not a mesh host",
            virtualService("hosts: [\"*\"]\nhttp: [{route: [{destination: {host: a}}]}]\n"),
            "spec.hosts[0]: Invalid value: \"*\": wildcard host * is not allowed for virtual"
                + " services bound to the mesh gateway"),
        invalid(
            "overlapping hosts",
            virtualService(
                "hosts: [\"*.example.com\", a.example.com]\nhttp: [{route: [{destination: {host: a}}]}]\n"),
            "spec.hosts[1]: Duplicate value: \"a.example.com\": duplicate hosts in virtual service:"
                + " *.example.com & a.example.com"),
        invalid(
            "a delegate names no gateways",
            virtualService(
                "gateways: [micro-gateway]\nhttp: [{route: [{destination: {host: a}}]}]\n"),
            "spec.gateways: Forbidden: delegate virtual service must have no gateways specified"),
        invalid(
            "gateway namespace is a DNS label",
            virtualService(
                "hosts: [a]\ngateways: [bad_ns/gw]\nhttp: [{route: [{destination: {host: a}}]}]\n"),
            "spec.gateways[0]: Invalid value: \"bad_ns/gw\": invalid value for namespace: \"bad_ns\""),
        invalid(
            "some routes, tcp or tls",
            virtualService("hosts: [a]\n"),
            "spec.http: Required value: http, tcp or tls must be provided in virtual service"),
        invalid(
            "an action is required",
            virtualService("hosts: [a]\nhttp: [{match: [{uri: {prefix: /a}}]}]\n"),
            "spec.http[0].route: Required value: HTTP route, redirect or direct_response is required"),
        invalid(
            "route and redirect exclude each other",
            virtualService(
                "hosts: [a]\nhttp: [{redirect: {uri: /b}, route: [{destination: {host: a}}]}]\n"),
            "spec.http[0].route: Forbidden: HTTP route cannot contain both route and redirect"),
        invalid(
            "regex compiles",
            httpRoute("match: [{uri: {regex: \"(\"}}]"),
            "spec.http[0].match[0].uri.regex: Invalid value: \"(\": \"uri\": error parsing regexp:"
                + " Unclosed group; Istio uses RE2 style regex-based match"
                + " (https://github.com/google/re2/wiki/Syntax)"),
        invalid(
            "regex is RE2: no look-behind",
            httpRoute("match: [{headers: {x-a: {regex: \"(?<=a)b\"}}}]"),
            "spec.http[0].match[0].headers[x-a].regex: Invalid value: \"(?<=a)b\": \"headers\":"
                + " error parsing regexp: invalid or unsupported Perl syntax: `(?<=`; Istio uses RE2"
                + " style regex-based match (https://github.com/google/re2/wiki/Syntax)"),
        invalid(
            "header names are lower case",
            httpRoute("match: [{headers: {X-User: {exact: a}}}]"),
            "spec.http[0].match[0].headers[X-User]: Invalid value: \"X-User\": header name X-User"
                + " must be lower case"),
        invalid(
            "method prefix not empty",
            httpRoute("match: [{method: {prefix: \"\"}}]"),
            "spec.http[0].match[0].method.prefix: Invalid value: \"\": \"method\": prefix string"
                + " match should not be empty"),
        invalid(
            "match port in range",
            httpRoute("match: [{port: 70000}]"),
            "spec.http[0].match[0].port: Invalid value: 70000: port number 70000 must be in the"
                + " range 1..65535"),
        invalid(
            "timeout parses",
            httpRoute("timeout: \"5\""),
            "spec.http[0].timeout: Invalid value: \"5\": time: missing unit in duration \"5\""),
        invalid(
            "timeout at least 1ms",
            httpRoute("timeout: 500us"),
            "spec.http[0].timeout: Invalid value: \"500us\": duration must be greater than 1ms"),
        invalid(
            "timeout in whole milliseconds",
            httpRoute("timeout: 1500us"),
            "spec.http[0].timeout: Invalid value: \"1500us\": only durations to ms precision are"
                + " supported"),
        invalid(
            "retry attempts not negative",
            httpRoute("retries: {attempts: -1}"),
            "spec.http[0].retries.attempts: Invalid value: -1: attempts cannot be negative"),
        invalid(
            "per-try timeout parses",
            httpRoute("retries: {attempts: 3, perTryTimeout: 1x}"),
            "spec.http[0].retries.perTryTimeout: Invalid value: \"1x\": time: unknown unit \"x\" in"
                + " duration \"1x\""),
        invalid(
            "retryOn policies known",
            httpRoute("retries: {attempts: 3, retryOn: \"5xx,teapots\"}"),
            "spec.http[0].retries.retryOn: Invalid value: \"5xx,teapots\": \"teapots\" is not a"
                + " valid retryOn policy"),
        invalid(
            "fixed delay parses",
            httpRoute("fault: {delay: {fixedDelay: 5sec}}"),
            "spec.http[0].fault.delay.fixedDelay: Invalid value: \"5sec\": time: unknown unit"
                + " \"sec\" in duration \"5sec\""),
        invalid(
            "fault percentage 0..100",
            httpRoute("fault: {delay: {fixedDelay: 5s, percentage: {value: 150}}}"),
            "spec.http[0].fault.delay.percentage.value: Invalid value: 150.0: percentage 150 is"
                + " neither 0.0, nor in range [0.0001, 100.0]"),
        invalid(
            "deprecated fault percent 0..100",
            httpRoute("fault: {delay: {fixedDelay: 5s, percent: 101}}"),
            "spec.http[0].fault.delay.percent: Invalid value: 101: percentage 101 is not in range"
                + " 0..100"),
        invalid(
            "abort status 200..599",
            httpRoute("fault: {abort: {httpStatus: 600}}"),
            "spec.http[0].fault.abort.httpStatus: Invalid value: 600: HTTP status 600 is not in"
                + " range 200-599"),
        invalid(
            "a fault injects something",
            httpRoute("fault: {}"),
            "spec.http[0].fault: Required value: HTTP fault injection must have an abort and/or a"
                + " delay"),
        invalid(
            "redirect code 3xx",
            virtualService("hosts: [a]\nhttp: [{redirect: {uri: /b, redirectCode: 200}}]\n"),
            "spec.http[0].redirect.redirectCode: Invalid value: 200: 200 is not a valid redirect"
                + " code, must be 3xx"),
        invalid(
            "direct response status 200..599",
            virtualService("hosts: [a]\nhttp: [{directResponse: {status: 100}}]\n"),
            "spec.http[0].directResponse.status: Invalid value: 100: HTTP status 100 is not in"
                + " range 200-599"),
        invalid(
            "mirror percentage at most 100",
            httpRoute("mirror: {host: b}\n  mirrorPercentage: {value: 101}"),
            "spec.http[0].mirrorPercentage.value: Invalid value: 101.0: mirror_percentage must have"
                + " a max value of 100 (it has 101.000000)"),
        invalid(
            "CORS methods known",
            httpRoute("corsPolicy: {allowMethods: [FETCH]}"),
            "spec.http[0].corsPolicy.allowMethods[0]: Invalid value: \"FETCH\": \"FETCH\" is not a"
                + " supported HTTP method"),
        invalid(
            "header operations leave pseudo-headers alone",
            httpRoute("headers: {request: {remove: [\":path\"]}}"),
            "spec.http[0].headers.request.remove[0]: Invalid value: \":path\": invalid header"
                + " \":path\": header cannot have \":\" prefix"),
        invalid(
            "header values escape %",
            httpRoute("headers: {response: {set: {x-a: \"abc%123\"}}}"),
            "spec.http[0].headers.response.set[x-a]: Invalid value: \"abc%123\": header value"
                + " configuration: invalid header configuration. Un-terminated variable expression"
                + " 'abc%123'"),
        invalid(
            "tcp routes route",
            virtualService("hosts: [a]\ntcp: [{match: [{port: 9000}]}]\n"),
            "spec.tcp[0].route: Required value: TCP route is required"),
        // DestinationRule
        invalid(
            "destination rule host required",
            destinationRule("subsets: [{name: v1}]\n"),
            "spec.host: Required value"),
        invalid(
            "subset names unique",
            destinationRule(
                "host: micro-api\nsubsets: [{name: v1, labels: {version: v1}}, {name: v1, labels: {version: v2}}]\n"),
            "spec.subsets[1].name: Duplicate value: \"v1\": duplicate subset names: v1"),
        invalid(
            "subset names are DNS labels",
            destinationRule("host: micro-api\nsubsets: [{name: v_1}]\n"),
            "spec.subsets[0].name: Invalid value: \"v_1\": subset name is invalid: v_1"),
        invalid(
            "subset label values valid",
            destinationRule("host: micro-api\nsubsets: [{name: v1, labels: {version: \"-v1\"}}]\n"),
            "spec.subsets[0].labels[version]: Invalid value: \"-v1\": a valid label must be an empty"
                + " string or consist of alphanumeric characters, '-', '_' or '.', and must start and"
                + " end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345',"
                + " regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        invalid(
            "traffic policy not empty",
            trafficPolicy("{}"),
            "spec.trafficPolicy: Required value: traffic policy must have at least one field"),
        invalid(
            "consistent hash needs a key",
            trafficPolicy("{loadBalancer: {consistentHash: {minimumRingSize: 1024}}}"),
            "spec.trafficPolicy.loadBalancer.consistentHash: Required value: consistentHash must set"
                + " one of httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName"),
        invalid(
            "cookie key needs a name",
            trafficPolicy("{loadBalancer: {consistentHash: {httpCookie: {ttl: 10s}}}}"),
            "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name: Required value: name"
                + " required for HttpCookie"),
        invalid(
            "maglev table size prime",
            trafficPolicy(
                "{loadBalancer: {consistentHash: {useSourceIp: true, maglev: {tableSize: 65536}}}}"),
            "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: Invalid value: 65536:"
                + " tableSize must be a prime number for maglev"),
        invalid(
            "maglev table size not prime (10)",
            trafficPolicy(
                "{loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 10}}}}"),
            "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: Invalid value: 10:"
                + " tableSize must be a prime number for maglev"),
        invalid(
            "ring size not negative",
            trafficPolicy(
                "{loadBalancer: {consistentHash: {httpHeaderName: x-user, ringHash:"
                    + " {minimumRingSize: -5}}}}"),
            "spec.trafficPolicy.loadBalancer.consistentHash.ringHash.minimumRingSize: Invalid value:"
                + " -5: must be greater than or equal to 0"),
        invalid(
            "deprecated ring size not negative",
            trafficPolicy(
                "{loadBalancer: {consistentHash: {useSourceIp: true, minimumRingSize: -1}}}"),
            "spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize: Invalid value: -1: must"
                + " be greater than or equal to 0"),
        invalid(
            "max connections not negative",
            trafficPolicy("{connectionPool: {tcp: {maxConnections: -1}}}"),
            "spec.trafficPolicy.connectionPool.tcp.maxConnections: Invalid value: -1: max"
                + " connections must be non-negative"),
        invalid(
            "connect timeout above 1ms",
            trafficPolicy("{connectionPool: {tcp: {connectTimeout: 0s}}}"),
            "spec.trafficPolicy.connectionPool.tcp.connectTimeout: Invalid value: \"0s\": duration"
                + " must be greater than 1ms"),
        invalid(
            "pending requests not negative",
            trafficPolicy("{connectionPool: {http: {http1MaxPendingRequests: -1}}}"),
            "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests: Invalid value: -1:"
                + " http1 max pending requests must be non-negative"),
        invalid(
            "requests per connection not negative",
            trafficPolicy("{connectionPool: {http: {maxRequestsPerConnection: -2}}}"),
            "spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection: Invalid value: -2:"
                + " max requests per connection must be non-negative"),
        invalid(
            "idle timeout parses",
            trafficPolicy("{connectionPool: {http: {idleTimeout: 1hour}}}"),
            "spec.trafficPolicy.connectionPool.http.idleTimeout: Invalid value: \"1hour\": time:"
                + " unknown unit \"hour\" in duration \"1hour\""),
        invalid(
            "connection pool not empty",
            trafficPolicy("{connectionPool: {}}"),
            "spec.trafficPolicy.connectionPool: Required value: connection pool must have at least"
                + " one field"),
        invalid(
            "outlier interval at least 1ms",
            trafficPolicy("{outlierDetection: {interval: 0s}}"),
            "spec.trafficPolicy.outlierDetection.interval: Invalid value: \"0s\": duration must be"
                + " greater than 1ms"),
        invalid(
            "consecutive 5xx not negative",
            trafficPolicy("{outlierDetection: {consecutive5xxErrors: -1}}"),
            "spec.trafficPolicy.outlierDetection.consecutive5xxErrors: Invalid value: -1:"
                + " consecutive5xxErrors must be non-negative"),
        invalid(
            "max ejection 0..100",
            trafficPolicy("{outlierDetection: {maxEjectionPercent: 101}}"),
            "spec.trafficPolicy.outlierDetection.maxEjectionPercent: Invalid value: 101: percentage"
                + " 101 is not in range 0..100"),
        invalid(
            "port-level policy needs a port",
            trafficPolicy("{portLevelSettings: [{loadBalancer: {simple: RANDOM}}]}"),
            "spec.trafficPolicy.portLevelSettings[0].port: Required value: portTrafficPolicy must"
                + " have valid port"),
        invalid(
            "port-level port in range",
            trafficPolicy(
                "{portLevelSettings: [{port: {number: 0}, loadBalancer: {simple: RANDOM}}]}"),
            "spec.trafficPolicy.portLevelSettings[0].port.number: Invalid value: 0: port number 0"
                + " must be in the range 1..65535"),
        invalid(
            "subset policies validated too",
            destinationRule(
                "host: a\nsubsets: [{name: v1, trafficPolicy: {outlierDetection: {baseEjectionTime: \"1\"}}}]\n"),
            "spec.subsets[0].trafficPolicy.outlierDetection.baseEjectionTime: Invalid value: \"1\":"
                + " time: missing unit in duration \"1\""),
        // Gateway
        invalid(
            "at least one server",
            gateway("selector: {istio: ingressgateway}\n"),
            "spec.servers: Required value: gateway must have at least one server"),
        invalid(
            "server port in range",
            server("{number: 0, name: http, protocol: HTTP}", "[\"*\"]"),
            "spec.servers[0].port.number: Invalid value: 0: port number 0 must be in the range"
                + " 1..65535"),
        invalid(
            "server protocol known",
            server("{number: 80, name: http, protocol: SMTP}", "[\"*\"]"),
            "spec.servers[0].port.protocol: Unsupported value: \"SMTP\": supported values: \"HTTP\","
                + " \"HTTPS\", \"HTTP2\", \"GRPC\", \"GRPC-WEB\", \"HTTP_PROXY\", \"TCP\", \"TLS\","
                + " \"UDP\", \"MONGO\", \"REDIS\", \"MYSQL\""),
        invalid(
            "server port named",
            server("{number: 80, protocol: HTTP}", "[\"*\"]"),
            "spec.servers[0].port.name: Required value: port name must be set"),
        invalid(
            "server hosts required",
            server("{number: 80, name: http, protocol: HTTP}", "[]"),
            "spec.servers[0].hosts: Required value: server config must contain at least one host"),
        invalid(
            "server hosts not short names",
            server("{number: 80, name: http, protocol: HTTP}", "[micro-api]"),
            "spec.servers[0].hosts[0]: Invalid value: \"micro-api\": short names (non FQDN) are not"
                + " allowed"),
        invalid(
            "server host namespace",
            server("{number: 80, name: http, protocol: HTTP}", "[bad_ns/a.example.com]"),
            "spec.servers[0].hosts[0]: Invalid value: \"bad_ns/a.example.com\": invalid namespace"
                + " value \"bad_ns\" in gateway"),
        invalid(
            "server host no partial wildcard",
            server("{number: 80, name: http, protocol: HTTP}", "[\"a*.example.com\"]"),
            "spec.servers[0].hosts[0]: Invalid value: \"a*.example.com\": domain name"
                + " \"a*.example.com\" invalid (label \"a*\" invalid)",
            "spec.servers[0].hosts[0]: Invalid value: \"a*.example.com\": partial wildcard"
                + " \"a*.example.com\" not allowed"),
        invalid(
            "HTTPS needs TLS settings",
            server("{number: 443, name: https, protocol: HTTPS}", "[\"*\"]"),
            "spec.servers[0].tls: Required value: server must have TLS settings for HTTPS/TLS"
                + " protocols"),
        invalid(
            "plain HTTP takes no certificates",
            gateway(
                """
                servers:
                - port: {number: 80, name: http, protocol: HTTP}
                  hosts: ["*"]
                  tls: {mode: SIMPLE, credentialName: cert}
                """),
            "spec.servers[0].tls: Forbidden: server cannot have TLS settings for plain text HTTP"
                + " ports"),
        invalid(
            "SIMPLE TLS needs a certificate",
            gateway(
                """
                servers:
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: ["*"]
                  tls: {mode: SIMPLE}
                """),
            "spec.servers[0].tls.serverCertificate: Required value: SIMPLE TLS requires a server"
                + " certificate",
            "spec.servers[0].tls.privateKey: Required value: SIMPLE TLS requires a private key"),
        invalid(
            "server port names unique",
            gateway(
                """
                servers:
                - port: {number: 80, name: http, protocol: HTTP}
                  hosts: ["*"]
                - port: {number: 8080, name: http, protocol: HTTP}
                  hosts: ["*"]
                """),
            "spec.servers[1].port.name: Duplicate value: \"http\": port names in servers must be"
                + " unique: duplicate name http"),
        invalid(
            "selector labels valid",
            gateway(
                "selector: {\"istio/\": ingressgateway}\nservers: [{port: {number: 80, name: http,"
                    + " protocol: HTTP}, hosts: [\"*\"]}]\n"),
            "spec.selector: Invalid value: \"istio/\": name part must be non-empty"),
        // ServiceEntry
        invalid(
            "service entry hosts required",
            serviceEntry("ports: [{number: 80, name: http, protocol: HTTP}]\n"),
            "spec.hosts: Required value: service entry must have at least one host"),
        invalid(
            "service entry host not *",
            serviceEntry("hosts: [\"*\"]\n"),
            "spec.hosts[0]: Invalid value: \"*\": invalid host *"),
        invalid(
            "service entry port numbers unique",
            serviceEntry(
                "hosts: [a.example.com]\nports: [{number: 80, name: http}, {number: 80, name: web}]\n"),
            "spec.ports[1].number: Duplicate value: 80: service entry port 80 already defined"),
        invalid(
            "service entry protocols known",
            serviceEntry(
                "hosts: [a.example.com]\nports: [{number: 25, name: smtp, protocol: SMTP}]\n"),
            "spec.ports[0].protocol: Unsupported value: \"SMTP\": supported values: \"HTTP\","
                + " \"HTTPS\", \"HTTP2\", \"GRPC\", \"GRPC-WEB\", \"HTTP_PROXY\", \"TCP\", \"TLS\","
                + " \"UDP\", \"MONGO\", \"REDIS\", \"MYSQL\""),
        invalid(
            "STATIC endpoints are IPs",
            serviceEntry(
                "hosts: [a.example.com]\nports: [{number: 80, name: http}]\nresolution: STATIC\n"
                    + "endpoints: [{address: nginx.local}]\n"),
            "spec.endpoints[0].address: Invalid value: \"nginx.local\": endpoint address"
                + " \"nginx.local\" is not a valid IP address"),
        invalid(
            "STATIC needs endpoints",
            serviceEntry(
                "hosts: [a.example.com]\nports: [{number: 80, name: http}]\nresolution: STATIC\n"),
            "spec.endpoints: Required value: endpoints or a workloadSelector must be provided for"
                + " resolution type STATIC"),
        invalid(
            "endpoint ports name service ports",
            serviceEntry(
                "hosts: [a.example.com]\nports: [{number: 80, name: http}]\nresolution: STATIC\n"
                    + "endpoints: [{address: 10.0.0.1, ports: {web: 8080}}]\n"),
            "spec.endpoints[0].ports[web]: Invalid value: 8080: endpoint port 8080 is not defined by"
                + " the service entry"),
        invalid(
            "workloadSelector or endpoints",
            serviceEntry(
                "hosts: [a.example.com]\nresolution: STATIC\nworkloadSelector: {labels: {app: a}}\n"
                    + "endpoints: [{address: 10.0.0.1}]\n"),
            "spec.endpoints: Forbidden: only one of WorkloadSelector or Endpoints is allowed in"
                + " Service Entry"),
        invalid(
            "NONE takes no endpoints",
            serviceEntry("hosts: [a.example.com]\nendpoints: [{address: 10.0.0.1}]\n"),
            "spec.endpoints: Forbidden: no endpoints should be provided for resolution type none"),
        invalid(
            "DNS_ROUND_ROBIN at most one endpoint",
            serviceEntry(
                "hosts: [a.example.com]\nresolution: DNS_ROUND_ROBIN\n"
                    + "endpoints: [{address: a1.example.com}, {address: a2.example.com}]\n"),
            "spec.endpoints: Invalid value: 2: there must only be 0 or 1 endpoint for resolution"
                + " mode DNS_ROUND_ROBIN"),
        // WorkloadEntry
        invalid(
            "workload entry address required",
            workloadEntry("labels: {app: vm}\n"),
            "spec.address: Required value: address is required"),
        invalid(
            "workload entry address is an IP or a host name",
            workloadEntry("address: not_a_host\n"),
            "spec.address: Invalid value: \"not_a_host\": endpoint address \"not_a_host\" is not a"
                + " valid FQDN or an IP address"),
        invalid(
            "workload entry ports in range",
            workloadEntry("address: 10.0.0.1\nports: {http: 0}\n"),
            "spec.ports[http]: Invalid value: 0: port number 0 must be in the range 1..65535"),
        invalid(
            "workload entry labels valid",
            workloadEntry("address: 10.0.0.1\nlabels: {\"-app\": vm}\n"),
            "spec.labels: Invalid value: \"-app\": name part must consist of alphanumeric"
                + " characters, '-', '_' or '.', and must start and end with an alphanumeric"
                + " character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
  }

  private static Arguments invalid(String rule, String yaml, String... messages) {
    return Arguments.of(rule, yaml, List.of(messages));
  }

  private static List<String> messages(String yaml) {
    return messages(Manifests.decodeOne(yaml));
  }

  private static List<String> messages(HasMetadata object) {
    return IstioValidator.validate(object).stream().map(FieldError::message).toList();
  }

  private static String routeTo(String destinations) {
    return virtualService("hosts: [a]\nhttp:\n- route:\n" + indent(destinations, "  "));
  }

  private static String httpRoute(String fields) {
    return virtualService(
        "hosts: [a]\nhttp:\n- route: [{destination: {host: a}}]\n  " + fields + "\n");
  }

  private static String trafficPolicy(String policy) {
    return destinationRule("host: micro-api\ntrafficPolicy: " + policy + "\n");
  }

  private static String server(String port, String hosts) {
    return gateway("servers:\n- port: " + port + "\n  hosts: " + hosts + "\n");
  }

  static String virtualService(String spec) {
    return manifest("VirtualService", spec);
  }

  static String destinationRule(String spec) {
    return manifest("DestinationRule", spec);
  }

  static String gateway(String spec) {
    return manifest("Gateway", spec);
  }

  static String serviceEntry(String spec) {
    return manifest("ServiceEntry", spec);
  }

  static String workloadEntry(String spec) {
    return manifest("WorkloadEntry", spec);
  }

  private static String manifest(String kind, String spec) {
    return "apiVersion: networking.istio.io/v1\nkind: "
        + kind
        + "\nmetadata:\n  name: test\nspec:\n"
        + indent(spec, "  ");
  }

  private static String indent(String text, String prefix) {
    return text.lines().map(line -> prefix + line + "\n").reduce("", String::concat);
  }
}
