package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.RouteTable;
import java.util.List;

/**
 * What {@link MeshCompiler#compile} produced.
 *
 * @param table the route table, always usable: bad resources were skipped or degraded
 * @param diagnostics what was skipped or degraded, and why, in the order found
 */
public record CompileResult(RouteTable table, List<Diagnostic> diagnostics) {
  public CompileResult {
    requireNonNull(table, "table");
    diagnostics = List.copyOf(diagnostics);
  }
}
