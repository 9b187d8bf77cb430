package io.canarymesh.model.codec;

/** A 1-based line and column in the text a resource was decoded from. */
public record SourceLocation(int line, int column) {
  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
