package io.canarymesh.model.validation.istio;

import io.canarymesh.model.IstioHosts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Istio's host name rules ({@code pkg/config/validation/agent}), each returning the problem in
 * Istio's words, or empty when the value is valid. Istio's DNS labels admit upper case, unlike
 * Kubernetes' object names: {@code Reviews.default} is a valid host.
 */
final class HostSyntax {
  private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
  // "*", "*foo", "*-foo" or a plain label: only the first label of a host may carry the wildcard.
  private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(?:\\*|\\*-)?" + LABEL);
  private static final Pattern IPV4 =
      Pattern.compile(
          "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final int LABEL_MAX = 63;
  private static final int DOMAIN_MAX = 255;

  private HostSyntax() {}

  /** A DNS-1123 label as Istio checks it (upper case allowed), e.g. a subset or port name. */
  static boolean isDns1123Label(String value) {
    return value.length() <= LABEL_MAX && DNS1123_LABEL.matcher(value).matches();
  }

  /**
   * A host with an optional wildcard first label: {@code micro-api}, {@code *.example.com}, {@code
   * *}.
   */
  static Optional<String> checkWildcardDomain(String domain) {
    Optional<String> precondition = checkPreconditions(domain);
    if (precondition.isPresent()) {
      return precondition;
    }
    int dot = domain.indexOf('.');
    String first = dot < 0 ? domain : domain.substring(0, dot);
    if (first.length() > LABEL_MAX || !WILDCARD_LABEL.matcher(first).matches()) {
      return Optional.of(labelInvalid(domain, first));
    }
    return dot < 0 ? Optional.empty() : checkLabels(domain, domain.substring(dot + 1));
  }

  /** A host without wildcards: {@code micro-api.default.svc.cluster.local}, {@code mesh}. */
  static Optional<String> checkFqdn(String fqdn) {
    Optional<String> precondition = checkPreconditions(fqdn);
    return precondition.isPresent() ? precondition : checkLabels(fqdn, fqdn);
  }

  /** An IPv4 or IPv6 address literal, never looked up. */
  static boolean isIpAddress(String value) {
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (!value.contains(":") || !value.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      // A string with ':' is parsed as an IPv6 literal; no name lookup happens.
      InetAddress.getByName(value);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** An address or a CIDR block: {@code 10.0.0.1}, {@code 10.0.0.0/16}, {@code 2001:db8::/32}. */
  static Optional<String> checkIpSubnet(String subnet) {
    int slash = subnet.indexOf('/');
    if (slash < 0) {
      return isIpAddress(subnet) ? Optional.empty() : Optional.of(subnet + " is not a valid IP");
    }
    String address = subnet.substring(0, slash);
    String bits = subnet.substring(slash + 1);
    int maxBits = address.contains(":") ? 128 : 32;
    boolean valid =
        isIpAddress(address) && bits.matches("[0-9]{1,3}") && Integer.parseInt(bits) <= maxBits;
    return valid ? Optional.empty() : Optional.of(subnet + " is not a valid CIDR block");
  }

  static boolean isWildcarded(String host) {
    return IstioHosts.isWildcarded(host);
  }

  /** Whether two hosts may denote the same service; see {@link IstioHosts#overlap}. */
  static boolean overlap(String a, String b) {
    return IstioHosts.overlap(a, b);
  }

  private static Optional<String> checkPreconditions(String domain) {
    if (domain.length() > DOMAIN_MAX) {
      return Optional.of("domain name \"" + domain + "\" too long (max 255)");
    }
    if (domain.isEmpty()) {
      return Optional.of("empty domain name not allowed");
    }
    return Optional.empty();
  }

  /** Every label of {@code labels} (the whole of {@code domain} or its tail) is a DNS label. */
  private static Optional<String> checkLabels(String domain, String labels) {
    String[] parts = labels.split("\\.", -1);
    String top = parts[parts.length - 1];
    if (top.matches("[0-9]+")) {
      return Optional.of(
          "domain name \""
              + domain
              + "\" invalid (top level domain \""
              + top
              + "\" cannot be all-numeric)");
    }
    for (int i = 0; i < parts.length; i++) {
      // A trailing dot is allowed, for unambiguous names like "istio.io.".
      if (i == parts.length - 1 && parts[i].isEmpty()) {
        return Optional.empty();
      }
      if (!isDns1123Label(parts[i])) {
        return Optional.of(labelInvalid(domain, parts[i]));
      }
    }
    return Optional.empty();
  }

  private static String labelInvalid(String domain, String label) {
    return "domain name \"" + domain + "\" invalid (label \"" + label + "\" invalid)";
  }
}
