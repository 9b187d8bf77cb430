package io.canarymesh.proxy;

import io.canarymesh.mesh.model.ClientWorkload;
import io.canarymesh.mesh.model.RouteMatch;
import java.util.List;
import java.util.Map;

/**
 * A match entry's {@code sourceLabels} and {@code sourceNamespace}, flattened into arrays so the
 * check allocates nothing: the calling workload must carry every label and be in the namespace. No
 * caller (an address no workload has) satisfies it, as in Istio only the sidecars of matching
 * workloads get the route.
 */
final class SourceCondition {
  private final String[] keys;
  private final String[] values;
  private final String namespace;

  private SourceCondition(Map<String, String> labels, String namespace) {
    this.keys = labels.keySet().toArray(String[]::new);
    this.values = labels.values().toArray(String[]::new);
    this.namespace = namespace;
  }

  /**
   * One condition per entry of {@code matches} (null for an entry without source conditions), or
   * null when no entry has any, so routes without them cost nothing per request.
   */
  static SourceCondition[] of(List<RouteMatch> matches) {
    SourceCondition[] conditions = new SourceCondition[matches.size()];
    boolean any = false;
    for (int i = 0; i < conditions.length; i++) {
      RouteMatch match = matches.get(i);
      if (!match.sourceLabels().isEmpty() || match.sourceNamespace().isPresent()) {
        conditions[i] =
            new SourceCondition(match.sourceLabels(), match.sourceNamespace().orElse(null));
        any = true;
      }
    }
    return any ? conditions : null;
  }

  boolean admits(ClientWorkload client) {
    if (client == null || (namespace != null && !namespace.equals(client.namespace()))) {
      return false;
    }
    Map<String, String> labels = client.labels();
    for (int i = 0; i < keys.length; i++) {
      if (!values[i].equals(labels.get(keys[i]))) {
        return false;
      }
    }
    return true;
  }
}
