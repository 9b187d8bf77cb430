package io.canarymesh.store;

/** An open watch. Closing it stops delivery: no event after the one being delivered, if any. */
public interface Watch extends AutoCloseable {

  @Override
  void close();
}
