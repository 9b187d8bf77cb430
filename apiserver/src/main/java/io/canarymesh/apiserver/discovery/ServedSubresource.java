package io.canarymesh.apiserver.discovery;

import io.canarymesh.model.Kind;
import java.util.List;

/**
 * One subresource as discovery lists it: {@code deployments/scale} answers with an {@code
 * autoscaling/v1 Scale}, {@code deployments/status} with the Deployment itself, and {@code
 * pods/log} is listed with kind {@code Pod} (as kube-apiserver does, although it answers text).
 */
record ServedSubresource(String name, Gvk responseKind, List<String> verbs) {
  private static final Gvk SCALE = new Gvk("autoscaling", "v1", "Scale");

  static ServedSubresource of(Kind kind, GroupVersion groupVersion, String name) {
    Gvk responseKind = name.equals("scale") ? SCALE : Gvk.of(groupVersion, kind.kind());
    return new ServedSubresource(name, responseKind, ResourceVerbs.ofSubresource(name));
  }
}
