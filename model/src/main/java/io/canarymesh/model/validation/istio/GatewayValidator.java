package io.canarymesh.model.validation.istio;

import static io.canarymesh.model.validation.istio.HttpRouteValidator.list;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.Gateway;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Gateway spec ({@code ValidateGateway} in Istio): at least one server; each with hosts, a port
 * (number, name, known protocol) and TLS settings exactly where the protocol needs them; port names
 * unique across servers; a valid selector.
 */
final class GatewayValidator {
  private static final String UNIX_PREFIX = "unix://";

  private GatewayValidator() {}

  static void check(Gateway spec, FieldPath path, List<FieldError> errors) {
    errors.addAll(Names.validateLabels(spec.getSelector(), path.child("selector")));
    List<Server> servers = list(spec.getServers());
    if (servers.isEmpty()) {
      errors.add(
          FieldError.required(path.child("servers"), "gateway must have at least one server"));
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < servers.size(); i++) {
      Server server = servers.get(i);
      FieldPath at = path.child("servers").index(i);
      if (server == null) {
        errors.add(FieldError.required(at, "server may not be nil"));
        continue;
      }
      checkServer(server, at, errors);
      if (server.getPort() != null) {
        String name = server.getPort().getName() == null ? "" : server.getPort().getName();
        if (!portNames.add(name)) {
          errors.add(
              new FieldError(
                  FieldError.Type.DUPLICATE,
                  at.child("port").child("name"),
                  name,
                  "port names in servers must be unique: duplicate name " + name));
        }
      }
    }
  }

  private static void checkServer(Server server, FieldPath path, List<FieldError> errors) {
    List<String> hosts = list(server.getHosts());
    if (hosts.isEmpty()) {
      errors.add(
          FieldError.required(path.child("hosts"), "server config must contain at least one host"));
    }
    for (int i = 0; i < hosts.size(); i++) {
      checkHost(hosts.get(i) == null ? "" : hosts.get(i), path.child("hosts").index(i), errors);
    }
    String bind = server.getBind() == null ? "" : server.getBind();
    int before = errors.size();
    checkPort(server.getPort(), bind, path.child("port"), errors);
    boolean portValid = errors.size() == before;
    checkBind(server.getPort(), bind, path.child("bind"), errors);
    checkTlsOptions(server.getTls(), path.child("tls"), errors);
    if (portValid) {
      checkTlsPresence(server, path, errors);
    }
  }

  /**
   * A server host: {@code dnsName} or {@code namespace/dnsName}, the namespace {@code *}, {@code .}
   * or a DNS label; the name {@code *}, a wildcard FQDN or an IP — never a short name.
   */
  private static void checkHost(String host, FieldPath path, List<FieldError> errors) {
    int slash = host.indexOf('/');
    if (slash < 0) {
      checkHostName(host, path, errors);
      return;
    }
    String namespace = host.substring(0, slash);
    String name = host.substring(slash + 1);
    if (namespace.isEmpty() || name.isEmpty()) {
      errors.add(
          FieldError.invalid(
              path, host, "config namespace and dnsName in host entry cannot be empty"));
    }
    if (!namespace.equals("*") && !namespace.equals(".") && !HostSyntax.isDns1123Label(namespace)) {
      errors.add(
          FieldError.invalid(
              path, host, "invalid namespace value \"" + namespace + "\" in gateway"));
    }
    checkHostName(name, path, errors);
  }

  private static void checkHostName(String name, FieldPath path, List<FieldError> errors) {
    if (!name.equals("*") && !name.contains(".")) {
      errors.add(FieldError.invalid(path, name, "short names (non FQDN) are not allowed"));
    }
    HostSyntax.checkWildcardDomain(name)
        .filter(problem -> !HostSyntax.isIpAddress(name))
        .ifPresent(problem -> errors.add(FieldError.invalid(path, name, problem)));
    if (name.contains("*") && name.length() != 1 && !name.startsWith("*.")) {
      errors.add(FieldError.invalid(path, name, "partial wildcard \"" + name + "\" not allowed"));
    }
  }

  private static void checkPort(Port port, String bind, FieldPath path, List<FieldError> errors) {
    if (port == null) {
      errors.add(FieldError.required(path, "port is required"));
      return;
    }
    String protocol = port.getProtocol() == null ? "" : port.getProtocol();
    if (!PortRules.isKnownProtocol(protocol)) {
      errors.add(FieldError.notSupported(path.child("protocol"), protocol, PortRules.PROTOCOLS));
    }
    long number = port.getNumber() == null ? 0 : port.getNumber();
    if (number > 0 || !bind.startsWith(UNIX_PREFIX)) {
      PortRules.checkNumber(number, path.child("number"), errors);
    }
    if (port.getTargetPort() != null && port.getTargetPort() > 0) {
      errors.add(
          FieldError.forbidden(path.child("targetPort"), "targetPort has no impact on Gateways"));
    }
    if (port.getName() == null || port.getName().isEmpty()) {
      errors.add(FieldError.required(path.child("name"), "port name must be set"));
    }
  }

  private static void checkBind(Port port, String bind, FieldPath path, List<FieldError> errors) {
    if (bind.startsWith(UNIX_PREFIX)) {
      String socket = bind.substring(UNIX_PREFIX.length());
      if (socket.isEmpty() || (!socket.startsWith("@") && !socket.startsWith("/"))) {
        errors.add(FieldError.invalid(path, bind, socket + " is not an absolute path to a file"));
      }
      if (port != null && port.getNumber() != null && port.getNumber() != 0) {
        errors.add(
            FieldError.invalid(
                path, bind, "port number must be 0 for unix domain socket: " + port.getNumber()));
      }
    } else if (!bind.isEmpty() && !HostSyntax.isIpAddress(bind)) {
      errors.add(FieldError.invalid(path, bind, bind + " is not a valid IP"));
    }
  }

  /**
   * HTTPS and TLS servers need TLS settings; plain-text HTTP servers may carry only {@code
   * httpsRedirect} (a passthrough-mode block without certificates); other protocols none.
   */
  private static void checkTlsPresence(Server server, FieldPath path, List<FieldError> errors) {
    String protocol = server.getPort().getProtocol().toUpperCase(Locale.ROOT);
    boolean tlsProtocol = protocol.equals("HTTPS") || protocol.equals("TLS");
    boolean httpProtocol =
        List.of("HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB").contains(protocol);
    ServerTLSSettings tls = server.getTls();
    if (tlsProtocol && tls == null) {
      errors.add(
          FieldError.required(
              path.child("tls"), "server must have TLS settings for HTTPS/TLS protocols"));
    } else if (!tlsProtocol && tls != null) {
      if (!httpProtocol) {
        errors.add(
            FieldError.forbidden(
                path.child("tls"), "server cannot have TLS settings for non HTTPS/TLS ports"));
      } else if (!isPassthrough(tls)
          || notEmpty(tls.getCaCertificates())
          || notEmpty(tls.getPrivateKey())
          || notEmpty(tls.getServerCertificate())) {
        errors.add(
            FieldError.forbidden(
                path.child("tls"), "server cannot have TLS settings for plain text HTTP ports"));
      }
    }
  }

  /**
   * Server TLS options. The mode defaults to PASSTHROUGH, as the protobuf enum's zero value does.
   * SIMPLE and MUTUAL need a certificate source: a credentialName, or a certificate and its key;
   * MUTUAL also a client CA bundle; ISTIO_MUTUAL takes none of these.
   */
  private static void checkTlsOptions(
      ServerTLSSettings tls, FieldPath path, List<FieldError> errors) {
    if (tls == null) {
      return;
    }
    ServerTLSSettingsTLSmode mode =
        tls.getMode() == null ? ServerTLSSettingsTLSmode.PASSTHROUGH : tls.getMode();
    boolean credential =
        notEmpty(tls.getCredentialName()) || !list(tls.getCredentialNames()).isEmpty();
    if (mode == ServerTLSSettingsTLSmode.ISTIO_MUTUAL) {
      if (notEmpty(tls.getServerCertificate())
          || notEmpty(tls.getPrivateKey())
          || notEmpty(tls.getCaCertificates())
          || credential
          || !list(tls.getTlsCertificates()).isEmpty()) {
        errors.add(
            FieldError.forbidden(
                path, "ISTIO_MUTUAL TLS cannot have associated certificates or credentials"));
      }
      return;
    }
    boolean simple = mode == ServerTLSSettingsTLSmode.SIMPLE;
    boolean mutual =
        mode == ServerTLSSettingsTLSmode.MUTUAL || mode == ServerTLSSettingsTLSmode.OPTIONAL_MUTUAL;
    if ((!simple && !mutual) || credential) {
      return;
    }
    String prefix = simple ? "SIMPLE TLS" : "MUTUAL TLS";
    if (mutual && !notEmpty(tls.getCaCertificates())) {
      errors.add(
          FieldError.required(
              path.child("caCertificates"), prefix + " requires a client CA bundle"));
    }
    if (list(tls.getTlsCertificates()).isEmpty()) {
      if (!notEmpty(tls.getServerCertificate())) {
        errors.add(
            FieldError.required(
                path.child("serverCertificate"), prefix + " requires a server certificate"));
      }
      if (!notEmpty(tls.getPrivateKey())) {
        errors.add(
            FieldError.required(path.child("privateKey"), prefix + " requires a private key"));
      }
    }
  }

  private static boolean isPassthrough(ServerTLSSettings tls) {
    return tls.getMode() == null
        || tls.getMode() == ServerTLSSettingsTLSmode.PASSTHROUGH
        || tls.getMode() == ServerTLSSettingsTLSmode.AUTO_PASSTHROUGH;
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }
}
