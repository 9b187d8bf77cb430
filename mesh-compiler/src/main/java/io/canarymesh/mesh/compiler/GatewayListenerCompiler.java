package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.ClientCertificateChecks;
import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.Listener.Protocol;
import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.ServerTls;
import io.canarymesh.mesh.model.TlsCredential;
import io.canarymesh.mesh.model.VirtualHost;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ingress gateway's listeners: one per port across the servers of every Gateway that selects
 * it. A VirtualService bound to one of those Gateways serves, on that port, those of its hosts a
 * server admits (server hosts {@code ns/host} limit the VirtualService namespaces: {@code *} any,
 * {@code .} the Gateway's own); each admitted host becomes a virtual host whose domain is the more
 * specific of the two names. VirtualServices claiming the same host there have their routes merged,
 * oldest first, as Istio does on gateways. A port whose servers relay connections (TCP, TLS, or
 * {@code tls.mode: PASSTHROUGH}) gets connection routes instead: the {@code tls} routes of those
 * VirtualServices for passthrough, their {@code tcp} routes otherwise ({@link L4RouteCompiler}).
 */
final class GatewayListenerCompiler {
  private static final String ANY_ADDRESS = "0.0.0.0";

  private final IngressGateway ingress;
  private final HttpRouteCompiler routes;
  private final L4RouteCompiler l4Routes;
  private final GatewayCredentials credentials;
  private final Diagnostics diagnostics;

  GatewayListenerCompiler(
      IngressGateway ingress,
      GatewayCredentials credentials,
      HttpRouteCompiler routes,
      L4RouteCompiler l4Routes,
      Diagnostics diagnostics) {
    this.ingress = ingress;
    this.credentials = credentials;
    this.routes = routes;
    this.l4Routes = l4Routes;
    this.diagnostics = diagnostics;
  }

  /** A server of a Gateway. */
  private record ServerRef(ResourceId gateway, int index, Server server) {
    String field() {
      return "spec.servers[" + index + "]";
    }

    Protocol protocol() {
      return PortProtocols.parse(server.getPort().getProtocol()).orElse(Protocol.TCP);
    }
  }

  List<Listener> compile(List<Gateway> gateways, List<VirtualService> virtualServices) {
    List<Listener> listeners = new ArrayList<>();
    serversByPort(gateways)
        .forEach(
            (port, servers) -> listener(port, servers, virtualServices).ifPresent(listeners::add));
    return listeners;
  }

  private Map<Integer, List<ServerRef>> serversByPort(List<Gateway> gateways) {
    Map<Integer, List<ServerRef>> byPort = new TreeMap<>();
    for (Gateway gateway : gateways) {
      ResourceId id = ResourceId.of(gateway);
      Map<String, String> selector =
          Objects.requireNonNullElse(gateway.getSpec().getSelector(), Map.of());
      if (!ingress.selectedBy(selector)) {
        diagnostics.info(
            id,
            "spec.selector "
                + new TreeMap<>(selector)
                + " does not select the ingress gateway "
                + new TreeMap<>(ingress.labels())
                + "; not served");
        continue;
      }
      List<Server> servers = Objects.requireNonNullElse(gateway.getSpec().getServers(), List.of());
      for (int i = 0; i < servers.size(); i++) {
        Server server = servers.get(i);
        if (server != null && server.getPort() != null && server.getPort().getNumber() != null) {
          byPort
              .computeIfAbsent(server.getPort().getNumber().intValue(), p -> new ArrayList<>())
              .add(new ServerRef(id, i, server));
        }
      }
    }
    return byPort;
  }

  private Optional<Listener> listener(
      int port, List<ServerRef> all, List<VirtualService> virtualServices) {
    Protocol protocol = all.get(0).protocol();
    List<ServerRef> servers = new ArrayList<>();
    for (ServerRef server : all) {
      if (server.protocol() == protocol) {
        servers.add(server);
      } else {
        diagnostics.warning(
            server.gateway(),
            server.field()
                + ".port: protocol "
                + server.protocol()
                + " conflicts with "
                + protocol
                + " on port "
                + port
                + " ("
                + all.get(0).gateway()
                + "); server ignored");
      }
    }
    Map<ServerRef, ServerTls> tlsByServer = new LinkedHashMap<>();
    for (ServerRef server : List.copyOf(servers)) {
      ServerTLSSettings settings = server.server().getTls();
      if (settings == null || settings.getMode() == null) {
        continue;
      }
      String mode = settings.getMode().name();
      if (mode.equals("ISTIO_MUTUAL") || mode.equals("AUTO_PASSTHROUGH")) {
        notServed(
            server,
            ".tls.mode",
            mode
                + " needs Istio's mTLS workload identities (istiod-issued certificates), which"
                + " this mesh does not issue");
        servers.remove(server);
        continue;
      }
      ClientCertificateChecks checks;
      try {
        checks = GatewayClientChecks.of(settings);
      } catch (IllegalArgumentException e) {
        notServed(server, ".tls", e.getMessage());
        servers.remove(server);
        continue;
      }
      Optional<ServerTls> resolved =
          resolved(
              server, tls(settings).withClientChecks(checks), settings.getCaCertCredentialName());
      if (resolved.isPresent()) {
        tlsByServer.put(server, resolved.get());
      } else {
        servers.remove(server);
      }
    }
    dropMixedPassthrough(servers, tlsByServer);
    if (servers.isEmpty()) {
      return Optional.empty();
    }
    Optional<ServerTls> tls = tlsByServer.values().stream().findFirst();
    List<String> scope =
        servers.stream().map(s -> s.gateway().namespacedName()).distinct().sorted().toList();
    Listener shape =
        new Listener(
            Listener.nameOf(ANY_ADDRESS, port),
            ANY_ADDRESS,
            port,
            protocol,
            scope,
            ingress.exposes(port),
            tls,
            List.of());
    if (shape.isL4()) {
      return Optional.of(
          new Listener(
              shape.name(),
              ANY_ADDRESS,
              port,
              protocol,
              scope,
              shape.exposed(),
              tls,
              List.of(),
              l4Routes(port, servers, virtualServices, shape.isTlsPassthrough())));
    }
    return Optional.of(
        new Listener(
            shape.name(),
            ANY_ADDRESS,
            port,
            protocol,
            scope,
            shape.exposed(),
            tls,
            virtualHosts(port, servers, virtualServices)));
  }

  /**
   * One listener either passes TLS through (routing by SNI) or does not: a server on the same port
   * whose choice differs from the first one's is left out, with a warning.
   */
  private void dropMixedPassthrough(List<ServerRef> servers, Map<ServerRef, ServerTls> tls) {
    if (servers.isEmpty()) {
      return;
    }
    boolean first = isPassthrough(tls.get(servers.get(0)));
    for (ServerRef server : List.copyOf(servers)) {
      if (isPassthrough(tls.get(server)) != first) {
        notServed(
            server,
            ".tls.mode",
            "PASSTHROUGH and terminating servers cannot share port "
                + server.server().getPort().getNumber()
                + " here (one listener either routes by SNI or terminates)");
        servers.remove(server);
        tls.remove(server);
      }
    }
  }

  private static boolean isPassthrough(ServerTls tls) {
    return tls != null && tls.mode() == ServerTls.Mode.PASSTHROUGH;
  }

  /**
   * The connection routes of an L4 listener: the {@code tls} routes (passthrough) or {@code tcp}
   * routes of every VirtualService bound to its servers that one of them admits, oldest first, each
   * VirtualService's routes in order (Istio's order on a gateway).
   */
  private List<L4Route> l4Routes(
      int port, List<ServerRef> servers, List<VirtualService> virtualServices, boolean bySni) {
    List<L4Route> compiled = new ArrayList<>();
    for (VirtualService vs : virtualServices) {
      ResourceId id = ResourceId.of(vs);
      List<String> bindings = GatewayRefs.bindings(vs.getSpec().getGateways(), id.namespace());
      List<ServerRef> here =
          servers.stream().filter(s -> bindings.contains(s.gateway().namespacedName())).toList();
      Set<String> hosts = admittedDomains(id, vs, here).keySet();
      if (hosts.isEmpty()) {
        continue;
      }
      Set<String> gatewayNames = new LinkedHashSet<>();
      here.forEach(s -> gatewayNames.add(s.gateway().namespacedName()));
      ListenerContext context = new ListenerContext(port, gatewayNames, Optional.of(ingress));
      compiled.addAll(bySni ? l4Routes.tls(vs, context, hosts) : l4Routes.tcp(vs, context));
    }
    return compiled;
  }

  /**
   * {@code tls} with the certificate and key of its {@code credentialName} Secret (and, for MUTUAL,
   * the CA that verifies client certificates); empty, with a warning, when that Secret is missing
   * or unusable, or a MUTUAL server has no CA: such a server is not served at all, rather than
   * served in clear text or without verifying clients.
   */
  private Optional<ServerTls> resolved(ServerRef server, ServerTls tls, String caCredentialName) {
    boolean mutual =
        tls.mode() == ServerTls.Mode.MUTUAL || tls.mode() == ServerTls.Mode.OPTIONAL_MUTUAL;
    boolean terminates = tls.mode() == ServerTls.Mode.SIMPLE || mutual;
    if (!terminates) {
      return Optional.of(tls);
    }
    if (tls.credentialName().isEmpty()) {
      if (mutual && tls.caCertificates().isEmpty()) {
        notServed(
            server,
            ".tls.caCertificates",
            "tls.mode MUTUAL needs a CA to verify client certificates (caCertificates or"
                + " credentialName)");
        return Optional.empty();
      }
      return Optional.of(tls);
    }
    String name = tls.credentialName().get();
    GatewayCredentials.Lookup lookup = credentials.lookup(name);
    if (mutual && lookup instanceof GatewayCredentials.Found found) {
      lookup =
          caCredentialName == null || caCredentialName.isBlank()
              ? credentials.withClientCa(name, found.credential())
              : credentials.withClientCaFrom(caCredentialName, found.credential());
    }
    return switch (lookup) {
      case GatewayCredentials.Found found -> Optional.of(withSecretCrl(tls, found.credential()));
      case GatewayCredentials.Unusable unusable -> {
        notServed(server, ".tls.credentialName", unusable.reason());
        yield Optional.empty();
      }
    };
  }

  /** {@code tls} with {@code credential}, and the CRLs of the Secret that gave its client CA. */
  private ServerTls withSecretCrl(ServerTls tls, TlsCredential credential) {
    ServerTls resolved = tls.withCredential(credential);
    Optional<String> secret = credential.getCaSecret();
    Optional<String> crl = secret.flatMap(credentials::crlOf);
    return crl.isEmpty()
        ? resolved
        : resolved.withClientChecks(tls.clientChecks().withCrl(secret.get(), crl.get()));
  }

  private void notServed(ServerRef server, String field, String reason) {
    diagnostics.warning(
        server.gateway(),
        server.field() + field + ": " + reason + "; server not served (never in clear text)");
  }

  private List<VirtualHost> virtualHosts(
      int port, List<ServerRef> servers, List<VirtualService> virtualServices) {
    Map<String, List<Route>> routesByDomain = new LinkedHashMap<>();
    Set<String> requireTls = new LinkedHashSet<>();
    for (VirtualService vs : virtualServices) {
      ResourceId id = ResourceId.of(vs);
      List<String> bindings = GatewayRefs.bindings(vs.getSpec().getGateways(), id.namespace());
      List<ServerRef> here =
          servers.stream().filter(s -> bindings.contains(s.gateway().namespacedName())).toList();
      Map<String, Boolean> domains = admittedDomains(id, vs, here);
      if (domains.isEmpty()) {
        continue;
      }
      Set<String> gatewayNames = new LinkedHashSet<>();
      here.forEach(s -> gatewayNames.add(s.gateway().namespacedName()));
      List<Route> compiled =
          routes.compile(vs, new ListenerContext(port, gatewayNames, Optional.of(ingress)));
      domains.forEach(
          (domain, httpsRedirect) -> {
            routesByDomain.computeIfAbsent(domain, d -> new ArrayList<>()).addAll(compiled);
            if (httpsRedirect) {
              requireTls.add(domain);
            }
          });
    }
    return routesByDomain.entrySet().stream()
        .map(
            entry ->
                new VirtualHost(
                    entry.getKey() + ":" + port,
                    List.of(entry.getKey()),
                    entry.getValue(),
                    requireTls.contains(entry.getKey())))
        .sorted(Comparator.comparing(VirtualHost::name))
        .toList();
  }

  /** The domains a VirtualService serves through {@code servers}, each with httpsRedirect. */
  private static Map<String, Boolean> admittedDomains(
      ResourceId vs, VirtualService virtualService, List<ServerRef> servers) {
    Map<String, Boolean> domains = new LinkedHashMap<>();
    for (String host :
        Objects.requireNonNullElse(virtualService.getSpec().getHosts(), List.<String>of())) {
      String resolved = HostNames.resolve(host, vs.namespace());
      for (ServerRef server : servers) {
        boolean redirect =
            server.server().getTls() != null
                && Boolean.TRUE.equals(server.server().getTls().getHttpsRedirect());
        for (String serverHost :
            Objects.requireNonNullElse(server.server().getHosts(), List.<String>of())) {
          admitted(serverHost, server.gateway().namespace(), vs.namespace(), resolved)
              .ifPresent(domain -> domains.merge(domain, redirect, Boolean::logicalOr));
        }
      }
    }
    return domains;
  }

  /**
   * {@code ns/host}, {@code ./host}, {@code * /host} or {@code host} against a VirtualService host.
   */
  static Optional<String> admitted(
      String serverHost, String gatewayNamespace, String vsNamespace, String vsHost) {
    int slash = serverHost.indexOf('/');
    String namespace = slash < 0 ? "*" : serverHost.substring(0, slash);
    String host = slash < 0 ? serverHost : serverHost.substring(slash + 1);
    boolean allowed =
        namespace.equals("*")
            || namespace.equals(vsNamespace)
            || (namespace.equals(".") && gatewayNamespace.equals(vsNamespace));
    return allowed ? HostNames.intersection(host, vsHost) : Optional.empty();
  }

  private static ServerTls tls(ServerTLSSettings tls) {
    return new ServerTls(
        ServerTls.Mode.valueOf(tls.getMode().name()),
        nonEmpty(tls.getServerCertificate()),
        nonEmpty(tls.getPrivateKey()),
        nonEmpty(tls.getCaCertificates()),
        nonEmpty(tls.getCredentialName()));
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
