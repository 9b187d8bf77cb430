package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import java.util.List;

/**
 * Gateway references in a VirtualService: {@code mesh} (the sidecars), {@code name} (the
 * VirtualService's namespace), {@code namespace/name}, or the legacy {@code name.namespace...} FQDN
 * form.
 */
final class GatewayNames {
  static final String MESH = "mesh";

  private GatewayNames() {}

  static void check(List<String> names, FieldPath path, List<FieldError> errors) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i) == null ? "" : names.get(i);
      FieldPath at = path.index(i);
      int slash = name.indexOf('/');
      if (slash < 0) {
        HostSyntax.checkFqdn(name)
            .ifPresent(problem -> errors.add(FieldError.invalid(at, name, problem)));
        continue;
      }
      String namespace = name.substring(0, slash);
      String gateway = name.substring(slash + 1);
      if (namespace.isEmpty() || gateway.isEmpty()) {
        errors.add(
            FieldError.invalid(at, name, "config namespace and gateway name cannot be empty"));
        continue;
      }
      if (!HostSyntax.isDns1123Label(namespace)) {
        errors.add(
            FieldError.invalid(at, name, "invalid value for namespace: \"" + namespace + "\""));
      }
      if (!HostSyntax.isDns1123Label(gateway)) {
        errors.add(
            FieldError.invalid(at, name, "invalid value for gateway name: \"" + gateway + "\""));
      }
    }
  }
}
