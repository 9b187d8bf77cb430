package io.canarymesh.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name and label syntax rules of Kubernetes ({@code apimachinery/pkg/util/validation}), with
 * its wording. Each {@code check*} returns the problems found, empty when the value is valid, so a
 * caller can turn each into a {@link FieldError} at its own path.
 */
public final class Names {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";

  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  public static final int LABEL_VALUE_MAX = 63;

  private Names() {}

  /** A DNS-1123 label such as a Service or Namespace name: {@code my-name}. */
  public static List<String> checkDns1123Label(String value) {
    List<String> problems = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      problems.add(maxLength(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      problems.add(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
              + " and must start and end with an alphanumeric character (e.g. 'my-name',  or"
              + " '123-abc', regex used for validation is '"
              + LABEL_FMT
              + "')");
    }
    return problems;
  }

  /** A DNS-1123 subdomain such as a Deployment or ConfigMap name: {@code example.com}. */
  public static List<String> checkDns1123Subdomain(String value) {
    List<String> problems = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      problems.add(maxLength(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      problems.add(subdomainProblem(""));
    }
    return problems;
  }

  /** A label or annotation key: an optional DNS-1123 subdomain prefix and a name part. */
  public static List<String> checkQualifiedName(String value) {
    List<String> problems = new ArrayList<>();
    String name = value;
    int slash = value.indexOf('/');
    if (slash >= 0) {
      String prefix = value.substring(0, slash);
      name = value.substring(slash + 1);
      if (prefix.isEmpty()) {
        problems.add("prefix part must be non-empty");
      } else if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        problems.add(subdomainProblem("prefix part "));
      }
      if (name.indexOf('/') >= 0) {
        problems.add(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must"
                + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name', "
                + " or '123-abc', regex used for validation is '"
                + QUALIFIED_NAME_FMT
                + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return problems;
      }
    }
    if (name.isEmpty()) {
      problems.add("name part must be non-empty");
    } else if (name.length() > LABEL_VALUE_MAX) {
      problems.add("name part " + maxLength(LABEL_VALUE_MAX));
    }
    if (!name.isEmpty() && !QUALIFIED_NAME.matcher(name).matches()) {
      problems.add(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and"
              + " end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc',"
              + " regex used for validation is '"
              + QUALIFIED_NAME_FMT
              + "')");
    }
    return problems;
  }

  /** A label value: empty, or up to 63 alphanumerics, '-', '_' and '.'. */
  public static List<String> checkLabelValue(String value) {
    List<String> problems = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX) {
      problems.add(maxLength(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      problems.add(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
              + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
              + " 'my_value',  or '12345', regex used for validation is '"
              + LABEL_VALUE_FMT
              + "')");
    }
    return problems;
  }

  /**
   * Every error in a label map, at {@code path} ({@code metadata.labels}): keys reported at the
   * map's path with the key as value, values at {@code path[key]}, as Kubernetes reports them.
   */
  public static List<FieldError> validateLabels(Map<String, String> labels, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (labels == null) {
      return errors;
    }
    labels.forEach(
        (key, value) -> {
          for (String problem : checkQualifiedName(key)) {
            errors.add(FieldError.invalid(path, key, problem));
          }
          for (String problem : checkLabelValue(value == null ? "" : value)) {
            errors.add(FieldError.invalid(path.key(key), value, problem));
          }
        });
    return errors;
  }

  private static String subdomainProblem(String prefix) {
    return prefix
        + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
        + " or '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
        + " regex used for validation is '"
        + SUBDOMAIN_FMT
        + "')";
  }

  private static String maxLength(int max) {
    return "must be no more than " + max + " characters";
  }
}
