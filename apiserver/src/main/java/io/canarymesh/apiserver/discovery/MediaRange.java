package io.canarymesh.apiserver.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One clause of an Accept header: {@code application/json;g=apidiscovery.k8s.io;v=v2;q=0.9}. Types
 * and parameter names are case-insensitive, parameter values are kept as sent.
 */
record MediaRange(String type, String subtype, Map<String, String> parameters, double quality) {

  MediaRange {
    parameters = Map.copyOf(parameters);
  }

  /**
   * The clauses of an Accept header, most preferred first: by quality, then concrete types before
   * wildcards, otherwise in the order sent (as kube-apiserver's negotiation orders them). Clauses
   * that are malformed or carry {@code q=0} are dropped. An empty header gives {@code *}{@code /*}.
   *
   * <p>Example: {@code "*}{@code /*;q=0.5, application/json"} → {@code application/json}, then
   * {@code *}{@code /*}.
   */
  static List<MediaRange> parseAccept(String header) {
    List<MediaRange> ranges = new ArrayList<>();
    if (header.isBlank()) {
      ranges.add(new MediaRange("*", "*", Map.of(), 1.0));
      return ranges;
    }
    for (String clause : header.split(",")) {
      parse(clause).filter(range -> range.quality() > 0).ifPresent(ranges::add);
    }
    ranges.sort(
        Comparator.comparingDouble(MediaRange::quality)
            .reversed()
            .thenComparing(range -> range.type().equals("*"))
            .thenComparing(range -> range.subtype().equals("*")));
    return ranges;
  }

  boolean isWildcardFor(String wantedType) {
    return type.equals("*") || (type.equals(wantedType) && subtype.equals("*"));
  }

  boolean is(String wantedType, String wantedSubtype) {
    return type.equals(wantedType) && subtype.equals(wantedSubtype);
  }

  private static Optional<MediaRange> parse(String clause) {
    String[] parts = clause.split(";");
    String[] typeAndSubtype = parts[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
    if (typeAndSubtype.length != 2 || typeAndSubtype[0].isEmpty() || typeAndSubtype[1].isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    double quality = 1.0;
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].split("=", 2);
      String name = pair[0].trim().toLowerCase(Locale.ROOT);
      String value = pair.length == 2 ? unquote(pair[1].trim()) : "";
      if (name.equals("q")) {
        try {
          quality = Double.parseDouble(value);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      } else if (!name.isEmpty()) {
        parameters.put(name, value);
      }
    }
    return Optional.of(new MediaRange(typeAndSubtype[0], typeAndSubtype[1], parameters, quality));
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
