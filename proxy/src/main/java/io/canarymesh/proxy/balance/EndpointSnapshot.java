package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Endpoint;

/** The copied endpoint array every {@link EndpointPicker} reads; never changes after creation. */
abstract class EndpointSnapshot implements EndpointPicker {
  private final Endpoint[] endpoints;

  EndpointSnapshot(Endpoint[] endpoints) {
    requireNonNull(endpoints, "endpoints");
    this.endpoints = endpoints.clone();
    for (int i = 0; i < this.endpoints.length; i++) {
      requireNonNull(this.endpoints[i], "endpoints[" + i + "]");
    }
  }

  @Override
  public final Endpoint endpoint(int index) {
    return endpoints[index];
  }

  @Override
  public final int size() {
    return endpoints.length;
  }
}
