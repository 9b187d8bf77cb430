package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data keys and sizes of ConfigMaps and Secrets ({@code ValidateConfigMap}, {@code
 * ValidateSecret}).
 */
final class ConfigDataValidator {
  /** Both kinds are limited to 1 MiB of data. */
  static final int MAX_DATA_BYTES = 1024 * 1024;

  private static final String KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final Pattern KEY = Pattern.compile(KEY_FMT);

  private ConfigDataValidator() {}

  static List<FieldError> validateConfigMap(ConfigMap configMap) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
    Map<String, String> binary =
        configMap.getBinaryData() == null ? Map.of() : configMap.getBinaryData();
    long size = 0;
    for (Map.Entry<String, String> entry : data.entrySet()) {
      errors.addAll(validateKey(entry.getKey(), FieldPath.of("data").key(entry.getKey())));
      if (binary.containsKey(entry.getKey())) {
        errors.add(
            FieldError.invalid(
                FieldPath.of("data").key(entry.getKey()),
                entry.getKey(),
                "duplicate of key present in binaryData"));
      }
      size += utf8Length(entry.getValue());
    }
    for (Map.Entry<String, String> entry : binary.entrySet()) {
      errors.addAll(validateKey(entry.getKey(), FieldPath.of("binaryData").key(entry.getKey())));
      if (data.containsKey(entry.getKey())) {
        errors.add(
            FieldError.invalid(
                FieldPath.of("binaryData").key(entry.getKey()),
                entry.getKey(),
                "duplicate of key present in data"));
      }
      size += decodedLength(entry.getValue());
    }
    if (size > MAX_DATA_BYTES) {
      errors.add(tooLong(FieldPath.root()));
    }
    return errors;
  }

  static List<FieldError> validateSecret(Secret secret) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    for (Map.Entry<String, String> entry : data.entrySet()) {
      errors.addAll(validateKey(entry.getKey(), FieldPath.of("data").key(entry.getKey())));
      size += decodedLength(entry.getValue());
    }
    Map<String, String> stringData =
        secret.getStringData() == null ? Map.of() : secret.getStringData();
    for (Map.Entry<String, String> entry : stringData.entrySet()) {
      // stringData is merged into data before Kubernetes validates, so keys are reported there.
      errors.addAll(validateKey(entry.getKey(), FieldPath.of("data").key(entry.getKey())));
      size += utf8Length(entry.getValue());
    }
    if (size > MAX_DATA_BYTES) {
      errors.add(tooLong(FieldPath.of("data")));
    }
    return errors;
  }

  /**
   * A key such as {@code app.properties}: at most 253 of {@code [-._a-zA-Z0-9]}, not {@code ..}.
   */
  private static List<FieldError> validateKey(String key, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (key.length() > Names.DNS1123_SUBDOMAIN_MAX) {
      problems.add("must be no more than " + Names.DNS1123_SUBDOMAIN_MAX + " characters");
    }
    if (!KEY.matcher(key).matches()) {
      problems.add(
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
              + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
              + KEY_FMT
              + "')");
    }
    if (key.equals(".")) {
      problems.add("must not be '.'");
    } else if (key.equals("..")) {
      problems.add("must not be '..'");
    } else if (key.startsWith("..")) {
      problems.add("must not start with '..'");
    }
    problems.forEach(problem -> errors.add(FieldError.invalid(path, key, problem)));
    return errors;
  }

  private static FieldError tooLong(FieldPath path) {
    return new FieldError(
        FieldError.Type.TOO_LONG, path, null, "must have at most " + MAX_DATA_BYTES + " bytes");
  }

  private static long utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  // Secret data and ConfigMap binaryData arrive base64-encoded; the limit is on the decoded bytes.
  private static long decodedLength(String base64) {
    if (base64 == null) {
      return 0;
    }
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException notBase64) {
      return base64.length();
    }
  }
}
