package io.canarymesh.model.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation error, worded as Kubernetes words it ({@code field.ErrorList} in apimachinery),
 * for example {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
 *
 * @param type what kind of error; its {@link Type#words} start the message
 * @param field where; the root path for errors about the whole object
 * @param badValue the offending value, printed Go-style (strings quoted); {@code null} when not
 *     shown
 * @param detail why, or {@code ""}
 */
public record FieldError(Type type, FieldPath field, Object badValue, String detail) {

  /** The kinds of error, with the words Kubernetes uses for each. */
  public enum Type {
    REQUIRED("Required value", "Required"),
    INVALID("Invalid value", "Invalid"),
    NOT_SUPPORTED("Unsupported value", "NotSupported"),
    DUPLICATE("Duplicate value", "Duplicate"),
    FORBIDDEN("Forbidden", "Forbidden"),
    TOO_LONG("Too long", "TooLong"),
    NOT_FOUND("Not found", "NotFound");

    /** Printed in the message: {@code spec.x: Required value}. */
    public final String words;

    /** The cause's {@code reason} in a Status body: {@code FieldValueRequired}. */
    public final String causeReason;

    Type(String words, String reasonSuffix) {
      this.words = words;
      this.causeReason = "FieldValue" + reasonSuffix;
    }
  }

  public FieldError {
    requireNonNull(type, "type");
    requireNonNull(field, "field");
    requireNonNull(detail, "detail");
  }

  public static FieldError required(FieldPath field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(FieldPath field, Object badValue, String detail) {
    return new FieldError(Type.INVALID, field, badValue, detail);
  }

  public static FieldError notSupported(FieldPath field, Object badValue, List<String> supported) {
    String detail =
        "supported values: "
            + supported.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, badValue, detail);
  }

  public static FieldError duplicate(FieldPath field, Object badValue) {
    return new FieldError(Type.DUPLICATE, field, badValue, "");
  }

  public static FieldError forbidden(FieldPath field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  /** The message without the field: {@code Invalid value: -1: must be greater than ...}. */
  public String errorBody() {
    StringBuilder body = new StringBuilder(type.words);
    if (badValue != null && type != Type.REQUIRED && type != Type.FORBIDDEN) {
      body.append(": ").append(printValue(badValue));
    }
    if (!detail.isEmpty()) {
      body.append(": ").append(detail);
    }
    return body.toString();
  }

  /** The whole message: {@code spec.replicas: Invalid value: -1: must be ...}. */
  public String message() {
    return field.isRoot() ? errorBody() : field + ": " + errorBody();
  }

  private static String printValue(Object value) {
    if (value instanceof CharSequence text) {
      return "\"" + text.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return message();
  }
}
