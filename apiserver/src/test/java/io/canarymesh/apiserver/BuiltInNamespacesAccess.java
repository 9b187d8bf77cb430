package io.canarymesh.apiserver;

import io.canarymesh.store.ObjectStore;

/** Lets tests of other packages create the built-in namespaces as the server does on start. */
public final class BuiltInNamespacesAccess {
  private BuiltInNamespacesAccess() {}

  public static void ensure(ObjectStore store) {
    BuiltInNamespaces.ensure(store);
  }
}
