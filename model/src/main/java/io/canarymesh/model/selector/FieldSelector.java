package io.canarymesh.model.selector;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable field selector (apimachinery's {@code fields.Selector}): terms such as {@code
 * metadata.name=micro-api} or {@code involvedObject.kind!=Pod}, all of which must hold. Which
 * fields a kind supports is decided by {@link SelectableFields}; check with {@link
 * #requireSupported} before matching.
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  /**
   * One term of a field selector.
   *
   * @param field e.g. {@code metadata.name}
   * @param negated true for {@code !=}
   * @param value the unescaped value; {@code ""} matches an absent field
   */
  public record Term(String field, boolean negated, String value) {
    public Term {
      requireNonNull(field, "field");
      requireNonNull(value, "value");
    }

    boolean matches(Function<String, Optional<String>> fieldValue) {
      // A field without a value counts as "", as in apimachinery's fields.Set.
      String actual = fieldValue.apply(field).orElse("");
      return actual.equals(value) != negated;
    }

    @Override
    public String toString() {
      return field + (negated ? "!=" : "=") + escape(value);
    }
  }

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /**
   * Parses {@code metadata.name=x,metadata.namespace!=y} ({@code =}, {@code ==} and {@code !=}); in
   * a value, {@code \,}, {@code \=} and {@code \\} stand for themselves. Terms are kept sorted as
   * apimachinery keeps them.
   *
   * @throws SelectorException e.g. {@code invalid selector: 'a'; can't understand 'a'}
   */
  public static FieldSelector parse(String selector) {
    requireNonNull(selector, "selector");
    List<String> parts = splitTerms(selector);
    parts.sort(null);
    List<Term> terms = new ArrayList<>();
    for (String part : parts) {
      if (!part.isEmpty()) {
        terms.add(term(selector, part));
      }
    }
    return terms.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(terms));
  }

  // The first operator in the term splits it; "!=" and "==" win over "=" at the same place.
  private static Term term(String selector, String part) {
    for (int i = 0; i < part.length(); i++) {
      for (String operator : List.of("!=", "==", "=")) {
        if (part.startsWith(operator, i)) {
          String value = unescape(part.substring(i + operator.length()));
          return new Term(part.substring(0, i), operator.equals("!="), value);
        }
      }
    }
    throw new SelectorException(
        "invalid selector: '%s'; can't understand '%s'".formatted(selector, part));
  }

  // Splits at commas that are not escaped by a backslash; escapes stay in the parts.
  private static List<String> splitTerms(String selector) {
    List<String> parts = new ArrayList<>();
    if (selector.isEmpty()) {
      return parts;
    }
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }

  private static String unescape(String value) {
    StringBuilder plain = new StringBuilder();
    boolean escaped = false;
    for (char c : value.toCharArray()) {
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new SelectorException("invalid field selector: invalid escape sequence: \\" + c);
        }
        plain.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new SelectorException("invalid field selector: unescaped character in value: " + c);
      } else {
        plain.append(c);
      }
    }
    if (escaped) {
      throw new SelectorException("invalid field selector: invalid escape sequence: \\");
    }
    return plain.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  /**
   * This selector, if every field it names is supported.
   *
   * @throws SelectorException {@code field label not supported: <name>} otherwise
   */
  public FieldSelector requireSupported(Set<String> supportedFields) {
    requireNonNull(supportedFields, "supportedFields");
    for (Term term : terms) {
      if (!supportedFields.contains(term.field())) {
        throw new SelectorException("field label not supported: " + term.field());
      }
    }
    return this;
  }

  /** Whether every term holds, reading field values through {@code fieldValue}. */
  public boolean matches(Function<String, Optional<String>> fieldValue) {
    requireNonNull(fieldValue, "fieldValue");
    return terms.stream().allMatch(term -> term.matches(fieldValue));
  }

  /** Whether every term holds for these field values (see {@link SelectableFields#of}). */
  public boolean matches(Map<String, String> fields) {
    requireNonNull(fields, "fields");
    return matches(field -> Optional.ofNullable(fields.get(field)));
  }

  /** The value a term requires of {@code field} with {@code =}, e.g. to look a name up directly. */
  public Optional<String> requiredValue(String field) {
    requireNonNull(field, "field");
    return terms.stream()
        .filter(term -> term.field().equals(field) && !term.negated())
        .map(Term::value)
        .findFirst();
  }

  public List<Term> terms() {
    return terms;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** The canonical form: sorted terms, {@code ==} written {@code =}, values escaped. */
  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSelector that && terms.equals(that.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }
}
