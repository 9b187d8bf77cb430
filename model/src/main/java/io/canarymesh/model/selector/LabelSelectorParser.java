package io.canarymesh.model.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Recursive-descent parser for the label selector string form, following the grammar and the error
 * wording of apimachinery's {@code labels.Parse}:
 *
 * <pre>
 * selector    ::= requirement ( "," requirement )*
 * requirement ::= [ "!" ] KEY [ ( "in" | "notin" ) "(" VALUES ")" | ( "=" | "==" | "!=" | "&gt;" | "&lt;" ) VALUE ]
 * </pre>
 *
 * For example {@code "tier in (web, api), !canary"} gives two requirements. Words {@code in} and
 * {@code notin} are operators after a key but plain identifiers where a value is expected, so
 * {@code in in (in)} parses.
 */
final class LabelSelectorParser {
  enum Kind {
    END,
    ERROR,
    IDENTIFIER,
    OPEN_PAREN,
    CLOSE_PAREN,
    COMMA,
    NOT,
    EQUALS,
    DOUBLE_EQUALS,
    NOT_EQUALS,
    GREATER,
    LESS,
    IN,
    NOT_IN
  }

  record Token(Kind kind, String literal) {}

  private static final Map<String, Kind> SYMBOLS =
      Map.ofEntries(
          Map.entry("(", Kind.OPEN_PAREN),
          Map.entry(")", Kind.CLOSE_PAREN),
          Map.entry(",", Kind.COMMA),
          Map.entry("!", Kind.NOT),
          Map.entry("=", Kind.EQUALS),
          Map.entry("==", Kind.DOUBLE_EQUALS),
          Map.entry("!=", Kind.NOT_EQUALS),
          Map.entry(">", Kind.GREATER),
          Map.entry("<", Kind.LESS),
          Map.entry("in", Kind.IN),
          Map.entry("notin", Kind.NOT_IN));

  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final List<Token> tokens;
  private int position;

  private LabelSelectorParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The requirements in the order written; the caller sorts them. */
  static List<LabelRequirement> parse(String selector) {
    return new LabelSelectorParser(lex(selector)).requirements();
  }

  // ---- lexer ----

  static List<Token> lex(String text) {
    List<Token> tokens = new ArrayList<>();
    int at = 0;
    while (true) {
      while (at < text.length() && isWhitespace(text.charAt(at))) {
        at++;
      }
      if (at >= text.length()) {
        tokens.add(new Token(Kind.END, ""));
        return tokens;
      }
      int end = isSymbol(text.charAt(at)) ? symbolEnd(text, at) : identifierEnd(text, at);
      String literal = text.substring(at, end);
      Kind kind = SYMBOLS.getOrDefault(literal, Kind.IDENTIFIER);
      if (isSymbol(text.charAt(at)) && !SYMBOLS.containsKey(literal)) {
        kind = Kind.ERROR;
        literal = "error expected: keyword found '" + literal + "'";
      }
      tokens.add(new Token(kind, literal));
      at = Math.max(end, at + 1);
    }
  }

  // The longest run of symbol characters that is still a known symbol: "!=" but "=" then "(".
  private static int symbolEnd(String text, int start) {
    int best = -1;
    int end = start;
    while (end < text.length() && isSymbol(text.charAt(end))) {
      end++;
      if (SYMBOLS.containsKey(text.substring(start, end))) {
        best = end;
      } else if (best > 0) {
        break;
      }
    }
    return best > 0 ? best : end;
  }

  private static int identifierEnd(String text, int start) {
    int end = start;
    while (end < text.length() && !isSymbol(text.charAt(end)) && !isWhitespace(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSymbol(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  // ---- parser ----

  // Where a value is expected, "in" and "notin" are identifiers.
  private Token peek(boolean valueContext) {
    return contextual(tokens.get(position), valueContext);
  }

  private Token next(boolean valueContext) {
    return contextual(tokens.get(position++), valueContext);
  }

  private static Token contextual(Token token, boolean valueContext) {
    boolean word = token.kind() == Kind.IN || token.kind() == Kind.NOT_IN;
    return valueContext && word ? new Token(Kind.IDENTIFIER, token.literal()) : token;
  }

  private List<LabelRequirement> requirements() {
    List<LabelRequirement> requirements = new ArrayList<>();
    while (true) {
      Token token = peek(true);
      switch (token.kind()) {
        case END -> {
          return requirements;
        }
        case IDENTIFIER, NOT -> {
          requirements.add(requirementOrFail());
          Token after = next(true);
          if (after.kind() == Kind.END) {
            return requirements;
          }
          if (after.kind() != Kind.COMMA) {
            throw fail("found '%s', expected: ',' or 'end of string'", after.literal());
          }
          Kind following = peek(true).kind();
          if (following != Kind.IDENTIFIER && following != Kind.NOT) {
            throw fail("found '%s', expected: identifier after ','", peek(true).literal());
          }
        }
        default ->
            throw fail("found '%s', expected: !, identifier, or 'end of string'", token.literal());
      }
    }
  }

  private LabelRequirement requirementOrFail() {
    try {
      return requirement();
    } catch (SelectorException e) {
      throw new SelectorException("unable to parse requirement: " + e.getMessage());
    }
  }

  private LabelRequirement requirement() {
    boolean negated = peek(true).kind() == Kind.NOT;
    if (negated) {
      next(true);
    }
    Token key = next(true);
    if (key.kind() != Kind.IDENTIFIER) {
      throw fail("found '%s', expected: identifier", key.literal());
    }
    // apimachinery reports a bad key at a nil field path, hence "<nil>".
    LabelRequirement.checkKey(key.literal())
        .ifPresent(
            problem -> {
              throw new SelectorException("<nil>: " + problem);
            });
    Kind following = peek(true).kind();
    // "!a" is always unary; in "!a=b" the caller then trips over the "=".
    if (negated || following == Kind.END || following == Kind.COMMA) {
      LabelOperator unary = negated ? LabelOperator.DOES_NOT_EXIST : LabelOperator.EXISTS;
      return LabelRequirement.of(key.literal(), unary, List.of());
    }
    LabelOperator operator = operator();
    List<String> values = operator.isSetBased() ? setValues() : List.of(exactValue());
    return LabelRequirement.of(key.literal(), operator, values);
  }

  private LabelOperator operator() {
    Token token = next(false);
    return switch (token.kind()) {
      case IN -> LabelOperator.IN;
      case NOT_IN -> LabelOperator.NOT_IN;
      case EQUALS -> LabelOperator.EQUALS;
      case DOUBLE_EQUALS -> LabelOperator.DOUBLE_EQUALS;
      case NOT_EQUALS -> LabelOperator.NOT_EQUALS;
      case GREATER -> LabelOperator.GREATER_THAN;
      case LESS -> LabelOperator.LESS_THAN;
      default -> throw fail("found '%s', expected: %s", token.literal(), BINARY_OPERATORS);
    };
  }

  // "(a,b)", "()" meaning the empty value, and empty items: "(,a)" contains "".
  private List<String> setValues() {
    Token open = next(true);
    if (open.kind() != Kind.OPEN_PAREN) {
      throw fail("found '%s' expected: '('", open.literal());
    }
    Token first = peek(true);
    switch (first.kind()) {
      case CLOSE_PAREN -> {
        next(true);
        return List.of("");
      }
      case IDENTIFIER, COMMA -> {
        List<String> values = identifierList();
        if (next(true).kind() != Kind.CLOSE_PAREN) {
          throw fail("found '%s', expected: ')'", first.literal());
        }
        return values;
      }
      default -> throw fail("found '%s', expected: ',', ')' or identifier", first.literal());
    }
  }

  private List<String> identifierList() {
    TreeSet<String> values = new TreeSet<>();
    while (true) {
      Token token = next(true);
      switch (token.kind()) {
        case IDENTIFIER -> {
          values.add(token.literal());
          Token after = peek(true);
          if (after.kind() == Kind.CLOSE_PAREN) {
            return List.copyOf(values);
          }
          if (after.kind() != Kind.COMMA) {
            throw fail("found '%s', expected: ',' or ')'", after.literal());
          }
        }
        case COMMA -> {
          // A comma next to "(", ")" or another comma stands for an empty value.
          if (values.isEmpty()) {
            values.add("");
          }
          Kind after = peek(true).kind();
          if (after == Kind.CLOSE_PAREN) {
            values.add("");
            return List.copyOf(values);
          }
          if (after == Kind.COMMA) {
            next(true);
            values.add("");
          }
        }
        default -> throw fail("found '%s', expected: ',', or identifier", token.literal());
      }
    }
  }

  // "a=" (followed by the end or a comma) means the empty value.
  private String exactValue() {
    Kind after = peek(true).kind();
    if (after == Kind.END || after == Kind.COMMA) {
      return "";
    }
    Token token = next(true);
    if (token.kind() != Kind.IDENTIFIER) {
      throw fail("found '%s', expected: identifier", token.literal());
    }
    return token.literal();
  }

  private static SelectorException fail(String format, Object... args) {
    return new SelectorException(format.formatted(args));
  }
}
