package io.canarymesh.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which syntax an object's name must follow, as each kind's validation picks it in Kubernetes: most
 * kinds (Deployment, Pod, ConfigMap, the Istio kinds) take a DNS-1123 subdomain, Namespaces a
 * DNS-1123 label, Services a DNS-1035 label (a label that starts with a letter).
 */
public enum NameRule {
  DNS1123_SUBDOMAIN(Names::checkDns1123Subdomain),
  DNS1123_LABEL(Names::checkDns1123Label),
  DNS1035_LABEL(NameRule::checkDns1035Label);

  private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1035 = Pattern.compile(DNS1035_FMT);

  private final Function<String, List<String>> check;

  NameRule(Function<String, List<String>> check) {
    this.check = check;
  }

  /** The problems with {@code name}, empty when valid. */
  public List<String> check(String name) {
    return check.apply(name);
  }

  /**
   * The problems with a {@code generateName} prefix: it is checked as if a generated suffix
   * followed, so a trailing {@code -} is fine ({@code web-} is a valid prefix).
   */
  public List<String> checkPrefix(String prefix) {
    boolean trailingDash = prefix.length() > 1 && prefix.endsWith("-");
    return check(trailingDash ? prefix.substring(0, prefix.length() - 1) + "a" : prefix);
  }

  private static List<String> checkDns1035Label(String value) {
    List<String> problems = new ArrayList<>();
    if (value.length() > Names.DNS1123_LABEL_MAX) {
      problems.add("must be no more than " + Names.DNS1123_LABEL_MAX + " characters");
    }
    if (!DNS1035.matcher(value).matches()) {
      problems.add(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
              + " an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
              + " or 'abc-123', regex used for validation is '"
              + DNS1035_FMT
              + "')");
    }
    return problems;
  }
}
