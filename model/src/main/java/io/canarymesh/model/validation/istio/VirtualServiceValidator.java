package io.canarymesh.model.validation.istio;

import static io.canarymesh.model.validation.istio.HttpRouteValidator.list;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.L4MatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.VirtualService;
import java.util.List;
import java.util.Map;

/**
 * A VirtualService spec ({@code ValidateVirtualService} in Istio). A VirtualService without hosts
 * is a delegate: another VirtualService's route hands traffic to it, so it may name no gateways and
 * carry only HTTP routes.
 */
final class VirtualServiceValidator {
  private VirtualServiceValidator() {}

  static void check(VirtualService spec, FieldPath path, List<FieldError> errors) {
    List<String> hosts = list(spec.getHosts());
    List<String> gateways = list(spec.getGateways());
    boolean delegate = hosts.isEmpty();
    if (delegate) {
      checkDelegate(spec, path, errors);
    }
    GatewayNames.check(gateways, path.child("gateways"), errors);
    // No gateways means the mesh; naming "mesh" among gateways binds to the mesh as well.
    boolean boundToMesh = gateways.isEmpty() || gateways.contains(GatewayNames.MESH);
    checkHosts(hosts, boundToMesh, path.child("hosts"), errors);
    List<HTTPRoute> http = list(spec.getHttp());
    if (http.isEmpty() && list(spec.getTcp()).isEmpty() && list(spec.getTls()).isEmpty()) {
      errors.add(
          FieldError.required(
              path.child("http"), "http, tcp or tls must be provided in virtual service"));
    }
    for (int i = 0; i < http.size(); i++) {
      FieldPath at = path.child("http").index(i);
      if (http.get(i) == null) {
        errors.add(FieldError.required(at, "http route may not be null"));
      } else {
        HttpRouteValidator.check(http.get(i), delegate, at, errors);
      }
    }
    checkTlsRoutes(list(spec.getTls()), hosts, path.child("tls"), errors);
    checkTcpRoutes(list(spec.getTcp()), path.child("tcp"), errors);
  }

  private static void checkDelegate(VirtualService spec, FieldPath path, List<FieldError> errors) {
    if (!list(spec.getGateways()).isEmpty()) {
      errors.add(
          FieldError.forbidden(
              path.child("gateways"), "delegate virtual service must have no gateways specified"));
    }
    if (!list(spec.getTls()).isEmpty()) {
      errors.add(
          FieldError.forbidden(
              path.child("tls"), "delegate virtual service must have no tls route specified"));
    }
    if (!list(spec.getTcp()).isEmpty()) {
      errors.add(
          FieldError.forbidden(
              path.child("tcp"), "delegate virtual service must have no tcp route specified"));
    }
  }

  /**
   * Each host is a name with an optional left-most wildcard, or an IP address; {@code *} alone is
   * not allowed on the mesh. No two hosts may overlap ({@code *.foo.com} and {@code a.foo.com}).
   */
  private static void checkHosts(
      List<String> hosts, boolean boundToMesh, FieldPath path, List<FieldError> errors) {
    boolean allValid = true;
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i) == null ? "" : hosts.get(i);
      var problem = HostSyntax.checkWildcardDomain(host);
      if (problem.isPresent() && !HostSyntax.isIpAddress(host)) {
        errors.add(FieldError.invalid(path.index(i), host, problem.get()));
        allValid = false;
      } else if (problem.isEmpty() && boundToMesh && host.equals("*")) {
        errors.add(
            FieldError.invalid(
                path.index(i),
                host,
                "wildcard host * is not allowed for virtual services bound to the mesh gateway"));
        allValid = false;
      }
    }
    if (allValid) {
      checkDuplicateHosts(hosts, path, errors);
    }
  }

  private static void checkDuplicateHosts(
      List<String> hosts, FieldPath path, List<FieldError> errors) {
    for (int i = 0; i < hosts.size(); i++) {
      for (int j = i + 1; j < hosts.size(); j++) {
        if (HostSyntax.overlap(hosts.get(i), hosts.get(j))) {
          errors.add(
              new FieldError(
                  FieldError.Type.DUPLICATE,
                  path.index(j),
                  hosts.get(j),
                  "duplicate hosts in virtual service: " + hosts.get(i) + " & " + hosts.get(j)));
        }
      }
    }
  }

  private static void checkTlsRoutes(
      List<TLSRoute> routes, List<String> hosts, FieldPath path, List<FieldError> errors) {
    for (int i = 0; i < routes.size(); i++) {
      TLSRoute route = routes.get(i);
      FieldPath at = path.index(i);
      if (route == null) {
        continue;
      }
      List<TLSMatchAttributes> matches = list(route.getMatch());
      if (matches.isEmpty()) {
        errors.add(
            FieldError.required(
                at.child("match"), "TLS route must have at least one match condition"));
      }
      for (int m = 0; m < matches.size(); m++) {
        checkTlsMatch(matches.get(m), hosts, at.child("match").index(m), errors);
      }
      if (list(route.getRoute()).isEmpty()) {
        errors.add(FieldError.required(at.child("route"), "TLS route is required"));
      }
      DestinationRules.checkL4(list(route.getRoute()), at.child("route"), errors);
    }
  }

  private static void checkTlsMatch(
      TLSMatchAttributes match, List<String> hosts, FieldPath path, List<FieldError> errors) {
    if (match == null) {
      errors.add(FieldError.required(path, "TLS match may not be null"));
      return;
    }
    List<String> sniHosts = list(match.getSniHosts());
    if (sniHosts.isEmpty()) {
      errors.add(
          FieldError.required(path.child("sniHosts"), "TLS match must have at least one SNI host"));
    }
    for (int i = 0; i < sniHosts.size(); i++) {
      checkSniHost(sniHosts.get(i), hosts, path.child("sniHosts").index(i), errors);
    }
    checkL4Match(
        match.getDestinationSubnets(),
        match.getPort(),
        match.getSourceLabels(),
        match.getGateways(),
        path,
        errors);
  }

  /** An SNI host must be a valid name covered by one of the VirtualService's hosts. */
  private static void checkSniHost(
      String sni, List<String> hosts, FieldPath path, List<FieldError> errors) {
    var problem = HostSyntax.checkWildcardDomain(sni);
    if (problem.isPresent()) {
      if (!HostSyntax.isIpAddress(sni)) {
        errors.add(FieldError.invalid(path, sni, problem.get()));
      }
      return;
    }
    boolean covered = hosts.stream().anyMatch(host -> isSubsetOf(sni, host));
    if (!covered) {
      errors.add(
          FieldError.invalid(
              path,
              sni,
              "SNI host \""
                  + sni
                  + "\" is not a compatible subset of any of the virtual service hosts: ["
                  + String.join(", ", hosts)
                  + "]"));
    }
  }

  /** Istio's {@code host.Name.SubsetOf}: {@code a.foo.com} is within {@code *.foo.com}. */
  private static boolean isSubsetOf(String host, String of) {
    boolean hostWild = HostSyntax.isWildcarded(host);
    boolean ofWild = HostSyntax.isWildcarded(of);
    if (hostWild) {
      return ofWild && host.length() >= of.length() && host.substring(1).endsWith(of.substring(1));
    }
    return ofWild ? host.endsWith(of.substring(1)) : host.equals(of);
  }

  private static void checkTcpRoutes(
      List<TCPRoute> routes, FieldPath path, List<FieldError> errors) {
    for (int i = 0; i < routes.size(); i++) {
      TCPRoute route = routes.get(i);
      FieldPath at = path.index(i);
      if (route == null) {
        continue;
      }
      List<L4MatchAttributes> matches = list(route.getMatch());
      for (int m = 0; m < matches.size(); m++) {
        L4MatchAttributes match = matches.get(m);
        FieldPath matchPath = at.child("match").index(m);
        if (match == null) {
          errors.add(FieldError.required(matchPath, "tcp match may not be nil"));
          continue;
        }
        checkL4Match(
            match.getDestinationSubnets(),
            match.getPort(),
            match.getSourceLabels(),
            match.getGateways(),
            matchPath,
            errors);
      }
      if (list(route.getRoute()).isEmpty()) {
        errors.add(FieldError.required(at.child("route"), "TCP route is required"));
      }
      DestinationRules.checkL4(list(route.getRoute()), at.child("route"), errors);
    }
  }

  private static void checkL4Match(
      List<String> destinationSubnets,
      Long port,
      Map<String, String> sourceLabels,
      List<String> gateways,
      FieldPath path,
      List<FieldError> errors) {
    List<String> subnets = list(destinationSubnets);
    for (int i = 0; i < subnets.size(); i++) {
      String subnet = subnets.get(i);
      FieldPath at = path.child("destinationSubnets").index(i);
      HostSyntax.checkIpSubnet(subnet)
          .ifPresent(problem -> errors.add(FieldError.invalid(at, subnet, problem)));
    }
    if (port != null && port != 0) {
      PortRules.checkNumber(port, path.child("port"), errors);
    }
    errors.addAll(Names.validateLabels(sourceLabels, path.child("sourceLabels")));
    GatewayNames.check(list(gateways), path.child("gateways"), errors);
  }
}
