package io.canarymesh.proxy.balance;

import io.canarymesh.mesh.model.Endpoint;

/**
 * Chooses one endpoint of a destination for each request, over an immutable snapshot of its ready
 * endpoints (the caller filters out not-ready ones; a new snapshot means a new picker).
 */
public interface EndpointPicker {
  /** The index of the chosen endpoint in {@link #endpoint(int)}'s snapshot, or -1 when empty. */
  int pick();

  /** The endpoint at {@code index} of the snapshot this picker chooses from. */
  Endpoint endpoint(int index);

  /** How many endpoints the snapshot holds. */
  int size();
}
