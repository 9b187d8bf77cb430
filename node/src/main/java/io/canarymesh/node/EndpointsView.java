package io.canarymesh.node;

/** Whether any Endpoints object lists an IP as a ready address (read from an informer cache). */
@FunctionalInterface
interface EndpointsView {
  boolean lists(String ip);
}
