package io.canarymesh.model.selector;

/** The operators of a label requirement, with the symbol each prints as in a selector string. */
public enum LabelOperator {
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  IN(" in "),
  NOT_IN(" notin "),
  EXISTS(""),
  DOES_NOT_EXIST(""),
  GREATER_THAN(">"),
  LESS_THAN("<");

  /** How the operator is written between key and value(s): {@code a!=b}, {@code a in (b)}. */
  final String infix;

  LabelOperator(String infix) {
    this.infix = infix;
  }

  /** Whether a requirement with this operator wants its values in parentheses. */
  boolean isSetBased() {
    return this == IN || this == NOT_IN;
  }
}
