package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Port numbers, IANA service names and protocols, worded as apimachinery words them. */
final class PortRules {
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*");
  private static final int PORT_NAME_MAX = 15;

  private PortRules() {}

  static boolean isValidPortNumber(long port) {
    return port >= 1 && port <= 65535;
  }

  /**
   * The problems with an IANA_SVC_NAME such as {@code http}: at most 15 lowercase alphanumerics and
   * hyphens, at least one letter, no {@code --}, no hyphen at either end.
   */
  static List<String> checkPortName(String name) {
    List<String> problems = new ArrayList<>();
    if (name.length() > PORT_NAME_MAX) {
      problems.add("must be no more than " + PORT_NAME_MAX + " characters");
    }
    if (!PORT_NAME_CHARSET.matcher(name).matches()) {
      problems.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!ONE_LETTER.matcher(name).matches()) {
      problems.add("must contain at least one letter (a-z)");
    }
    if (name.contains("--")) {
      problems.add("must not contain consecutive hyphens");
    }
    if (!name.isEmpty() && (name.startsWith("-") || name.endsWith("-"))) {
      problems.add("must not begin or end with a hyphen");
    }
    return problems;
  }

  /** A port given as a number (1–65535) or as the name of a container port. */
  static List<FieldError> validateNumberOrName(IntOrString port, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (port == null || port.getValue() == null) {
      errors.add(FieldError.invalid(path, 0, PORT_RANGE));
    } else if (port.getStrVal() != null) {
      for (String problem : checkPortName(port.getStrVal())) {
        errors.add(FieldError.invalid(path, port.getStrVal(), problem));
      }
    } else if (!isValidPortNumber(port.getIntVal())) {
      errors.add(FieldError.invalid(path, port.getIntVal(), PORT_RANGE));
    }
    return errors;
  }
}
