package io.canarymesh.proxy;

/** Whatever currently uses an upstream connection: a client's exchange, or a mirrored copy. */
interface UpstreamUser {
  void onUpstreamRead(Object msg);

  void onUpstreamReadComplete();

  void onUpstreamWritabilityChanged();

  void onUpstreamClosed();
}
