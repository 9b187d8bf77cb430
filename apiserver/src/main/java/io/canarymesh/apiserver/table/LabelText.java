package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Labels and label selectors as text, like apimachinery's {@code labels.FormatLabels} and {@code
 * Selector.String()}: {@code app=micro-api,version=v1}; {@code tier in (api,web),!legacy}.
 * Requirements are ordered by key, {@code in}/{@code notin} values sorted.
 */
final class LabelText {
  static final String NONE = "<none>";

  private LabelText() {}

  /** {@code k=v} pairs sorted by key; {@code <none>} for an empty or absent map. */
  static String formatLabels(JsonNode labels) {
    List<String> pairs = new ArrayList<>();
    sortedEntries(labels).forEach((key, value) -> pairs.add(key + "=" + value));
    return pairs.isEmpty() ? NONE : String.join(",", pairs);
  }

  /**
   * The selector as text, empty text for an absent or empty selector (which selects nothing or
   * everything); empty when an expression has an unknown operator.
   */
  static Optional<String> selector(JsonNode selector) {
    List<Requirement> requirements = new ArrayList<>();
    sortedEntries(selector.path("matchLabels"))
        .forEach((key, value) -> requirements.add(new Requirement(key, key + "=" + value)));
    for (JsonNode expression : Fields.elements(selector, "matchExpressions")) {
      Optional<Requirement> requirement = expression(expression);
      if (requirement.isEmpty()) {
        return Optional.empty();
      }
      requirements.add(requirement.get());
    }
    requirements.sort(Comparator.comparing(Requirement::key));
    return Optional.of(String.join(",", requirements.stream().map(Requirement::text).toList()));
  }

  /** Like {@code metav1.FormatLabelSelector}: {@code <none>} when empty, {@code <error>} if bad. */
  static String formatSelector(JsonNode selector) {
    return selector(selector).map(text -> text.isEmpty() ? NONE : text).orElse("<error>");
  }

  private static Optional<Requirement> expression(JsonNode expression) {
    String key = Fields.text(expression, "key");
    List<String> values =
        Fields.elements(expression, "values").stream().map(JsonNode::asText).sorted().toList();
    String text =
        switch (Fields.text(expression, "operator")) {
          case "In" -> key + " in (" + String.join(",", values) + ")";
          case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
          case "Exists" -> key;
          case "DoesNotExist" -> "!" + key;
          default -> null;
        };
    return Optional.ofNullable(text).map(t -> new Requirement(key, t));
  }

  private static Map<String, String> sortedEntries(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    if (map.isObject()) {
      map.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue().asText()));
    }
    return sorted;
  }

  private record Requirement(String key, String text) {}
}
