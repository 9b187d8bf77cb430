package io.canarymesh.proxy.balance;

import io.canarymesh.mesh.model.Endpoint;
import java.util.concurrent.atomic.AtomicLong;

/** Istio's ROUND_ROBIN: endpoints in turn, through one atomic cursor shared by all threads. */
public final class RoundRobinPicker extends EndpointSnapshot {
  private final AtomicLong cursor = new AtomicLong();

  public RoundRobinPicker(Endpoint[] endpoints) {
    super(endpoints);
  }

  @Override
  public int pick() {
    int size = size();
    if (size == 0) {
      return -1;
    }
    return (int) Long.remainderUnsigned(cursor.getAndIncrement(), size);
  }
}
