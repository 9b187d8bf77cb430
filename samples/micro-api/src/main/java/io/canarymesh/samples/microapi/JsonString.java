package io.canarymesh.samples.microapi;

/** Writes a Java string as a JSON string literal, so that any text stays on one line. */
final class JsonString {

  private JsonString() {}

  /** {@code a"b} followed by a newline becomes {@code "a\"b\n"}. */
  static String quote(String value) {
    var out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
