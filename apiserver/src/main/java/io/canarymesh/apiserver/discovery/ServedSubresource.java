package io.canarymesh.apiserver.discovery;

import io.canarymesh.model.Kind;
import java.util.List;

/**
 * One subresource as discovery lists it: {@code deployments/scale} answers with an {@code
 * autoscaling/v1 Scale}, {@code deployments/status} with the Deployment itself, and {@code
 * pods/log} is listed with kind {@code Pod} (as kube-apiserver does, although it answers text),
 * {@code pods/binding} (POST only, as the scheduler uses it) with {@code v1 Binding}.
 */
record ServedSubresource(String name, Gvk responseKind, List<String> verbs) {
  private static final Gvk SCALE = new Gvk("autoscaling", "v1", "Scale");
  private static final Gvk BINDING = new Gvk("", "v1", "Binding");

  static ServedSubresource of(Kind kind, GroupVersion groupVersion, String name) {
    Gvk responseKind =
        switch (name) {
          case "scale" -> SCALE;
          case "binding" -> BINDING;
          default -> Gvk.of(groupVersion, kind.kind());
        };
    return new ServedSubresource(name, responseKind, ResourceVerbs.ofSubresource(name));
  }
}
