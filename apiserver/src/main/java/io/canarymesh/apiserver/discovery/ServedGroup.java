package io.canarymesh.apiserver.discovery;

import java.util.List;

/** One API group ({@code ""} for core) and its versions, preferred first. */
record ServedGroup(String name, List<ServedVersion> versions) {

  ServedGroup {
    versions = List.copyOf(versions);
  }

  ServedVersion preferred() {
    return versions.get(0);
  }
}
