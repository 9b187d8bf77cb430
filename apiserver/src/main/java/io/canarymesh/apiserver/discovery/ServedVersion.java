package io.canarymesh.apiserver.discovery;

import java.util.List;

/** The resources served at one group/version, sorted by plural as kube-apiserver lists them. */
record ServedVersion(GroupVersion groupVersion, List<ServedResource> resources) {

  ServedVersion {
    resources = List.copyOf(resources);
  }
}
