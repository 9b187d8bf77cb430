package io.canarymesh.mesh.compiler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects diagnostics during one compilation, once each: a VirtualService bound to several
 * listeners is compiled several times but reported once.
 */
final class Diagnostics {
  private final Set<Diagnostic> seen = new LinkedHashSet<>();

  void error(ResourceId resource, String message) {
    seen.add(new Diagnostic(Diagnostic.Severity.ERROR, resource.toString(), message));
  }

  void warning(ResourceId resource, String message) {
    seen.add(new Diagnostic(Diagnostic.Severity.WARNING, resource.toString(), message));
  }

  void info(ResourceId resource, String message) {
    seen.add(new Diagnostic(Diagnostic.Severity.INFO, resource.toString(), message));
  }

  List<Diagnostic> list() {
    return List.copyOf(seen);
  }
}
