package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints values the way Go's {@code %#v} prints them in Kubernetes' error messages, so that our
 * messages read like kube-apiserver's, e.g. {@code map[string]string{"app":"x"}} or {@code
 * intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}}.
 */
final class GoSyntax {
  /** A bad value that prints as the Go text; not a {@code CharSequence}, so never re-quoted. */
  record GoValue(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private GoSyntax() {}

  /** {@code map[string]string{"a":"1", "b":"2"}} with sorted keys; empty prints as nil. */
  static GoValue stringMap(Map<String, String> map) {
    return new GoValue(mapText(map));
  }

  /** {@code []string{"a", "b"}}, or {@code []string(nil)} when empty. */
  static GoValue strings(List<String> values) {
    return new GoValue(stringsText(values));
  }

  /** {@code v1.LabelSelector{MatchLabels:map[string]string{…}, MatchExpressions:[]…}}. */
  static GoValue labelSelector(LabelSelector selector) {
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    String expressionsText =
        expressions.isEmpty()
            ? "[]v1.LabelSelectorRequirement(nil)"
            : expressions.stream()
                .map(GoSyntax::requirementText)
                .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
    return new GoValue(
        "v1.LabelSelector{MatchLabels:"
            + mapText(selector.getMatchLabels())
            + ", MatchExpressions:"
            + expressionsText
            + "}");
  }

  /** {@code intstr.IntOrString{Type:0, IntVal:1, StrVal:""}} (type 0 is int, 1 is string). */
  static GoValue intOrString(IntOrString value) {
    boolean isString = value.getStrVal() != null;
    int intVal = value.getIntVal() == null ? 0 : value.getIntVal();
    String strVal = isString ? value.getStrVal() : "";
    return new GoValue(
        "intstr.IntOrString{Type:%d, IntVal:%d, StrVal:%s}"
            .formatted(isString ? 1 : 0, isString ? 0 : intVal, quote(strVal)));
  }

  /** The protocol-and-port key Kubernetes reports duplicate Service ports with. */
  static GoValue servicePortKey(String protocol, int port) {
    return new GoValue(
        "core.ServicePort{Name:\"\", Protocol:%s, AppProtocol:(*string)(nil), Port:%d,"
                .formatted(quote(protocol), port)
            + " TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
  }

  private static String requirementText(LabelSelectorRequirement requirement) {
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return "v1.LabelSelectorRequirement{Key:%s, Operator:%s, Values:%s}"
        .formatted(
            quote(nullToEmpty(requirement.getKey())),
            quote(nullToEmpty(requirement.getOperator())),
            stringsText(values));
  }

  private static String mapText(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "map[string]string(nil)";
    }
    return new TreeMap<>(map)
        .entrySet().stream()
            .map(entry -> quote(entry.getKey()) + ":" + quote(nullToEmpty(entry.getValue())))
            .collect(Collectors.joining(", ", "map[string]string{", "}"));
  }

  private static String stringsText(List<String> values) {
    if (values == null || values.isEmpty()) {
      return "[]string(nil)";
    }
    return values.stream()
        .map(value -> quote(nullToEmpty(value)))
        .collect(Collectors.joining(", ", "[]string{", "}"));
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
