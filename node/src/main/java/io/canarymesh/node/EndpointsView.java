package io.canarymesh.node;

/** Whether any Endpoints object in a namespace lists an IP as a ready address. */
@FunctionalInterface
interface EndpointsView {
  boolean lists(String namespace, String ip);
}
