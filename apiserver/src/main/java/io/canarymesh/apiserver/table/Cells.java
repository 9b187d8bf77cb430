package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Cell values as kube sends them: strings for text, integers for counts, null for nothing. */
final class Cells {
  private Cells() {}

  static JsonNode text(String value) {
    return TextNode.valueOf(value);
  }

  static JsonNode integer(long value) {
    return LongNode.valueOf(value);
  }

  static JsonNode none() {
    return NullNode.getInstance();
  }
}
