package io.canarymesh.model.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Pointer (RFC 6901): {@code ""} is the whole document, {@code "/a~1b/0"} is member {@code
 * "a/b"} then element 0. {@code ~1} decodes to {@code /} and {@code ~0} to {@code ~}, in that
 * order, so {@code "/~01"} names the member {@code "~1"}.
 */
record JsonPointer(String text, List<String> tokens) {

  JsonPointer {
    tokens = List.copyOf(tokens);
  }

  static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new PatchException(
          "json patch: invalid path \"" + text + "\": must be empty or start with \"/\"");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(unescape(raw, text));
    }
    return new JsonPointer(text, tokens);
  }

  private static String unescape(String raw, String text) {
    StringBuilder token = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        token.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
      if (next != '0' && next != '1') {
        throw new PatchException(
            "json patch: invalid path \"" + text + "\": \"~\" must be followed by 0 or 1");
      }
      token.append(next == '0' ? '~' : '/');
      i++;
    }
    return token.toString();
  }

  boolean isRoot() {
    return tokens.isEmpty();
  }

  List<String> parentTokens() {
    return tokens.subList(0, tokens.size() - 1);
  }

  String lastToken() {
    return tokens.get(tokens.size() - 1);
  }

  /**
   * True when {@code other} lies strictly inside this location: {@code /a} contains {@code /a/b}.
   */
  boolean isProperPrefixOf(JsonPointer other) {
    return tokens.size() < other.tokens.size()
        && other.tokens.subList(0, tokens.size()).equals(tokens);
  }

  @Override
  public String toString() {
    return text;
  }
}
