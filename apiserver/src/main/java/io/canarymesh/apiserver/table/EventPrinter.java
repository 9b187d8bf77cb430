package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT and SOURCE
 * before MESSAGE and FIRST SEEN, COUNT and NAME after it, in kube's column order. OBJECT is {@code
 * kind/name} in lower-case kind, e.g. {@code deployment/micro-api}.
 */
final class EventPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.text("Last Seen", "Time since the event was last seen."),
          Column.text("Type", "Normal or Warning."),
          Column.text("Reason", "Why the event happened, in CamelCase."),
          Column.text("Object", "The object the event is about, as kind/name."),
          Column.text("Subobject", "The part of the object, e.g. a container.").wide(),
          Column.text("Source", "The component (and host) that reported the event.").wide(),
          Column.text("Message", "What happened, for humans."),
          Column.text("First Seen", "Time since the event was first seen.").wide(),
          Column.text("Count", "How many times the event happened.").wide(),
          Column.objectName().wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode event, Instant now) {
    String firstSeen = firstSeen(event, now);
    JsonNode series = event.path("series");
    boolean inSeries = Fields.present(event, "series");
    long count = inSeries ? Fields.integer(series, "count") : Fields.integer(event, "count");
    return List.of(
        Cells.text(lastSeen(event, firstSeen, now)),
        Cells.text(Fields.text(event, "type")),
        Cells.text(Fields.text(event, "reason")),
        Cells.text(target(event.path("involvedObject"))),
        Cells.text(Fields.text(event, "involvedObject", "fieldPath")),
        Cells.text(source(event)),
        Cells.text(Fields.text(event, "message").strip()),
        Cells.text(firstSeen),
        Cells.integer(!inSeries && count == 0 ? 1 : count),
        Cells.text(Fields.text(event, "metadata", "name")));
  }

  /** {@code firstTimestamp}, else the newer API's {@code eventTime}. */
  private static String firstSeen(JsonNode event, Instant now) {
    Optional<Instant> first = Fields.instant(event, "firstTimestamp");
    return Age.since(first.isPresent() ? first : Fields.instant(event, "eventTime"), now);
  }

  /** The series' last observation, else {@code lastTimestamp}, else the first sighting. */
  private static String lastSeen(JsonNode event, String firstSeen, Instant now) {
    if (Fields.present(event, "series")) {
      return Age.since(Fields.instant(event, "series", "lastObservedTime"), now);
    }
    return Fields.instant(event, "lastTimestamp").map(t -> Age.since(t, now)).orElse(firstSeen);
  }

  private static String target(JsonNode involvedObject) {
    String kind = Fields.text(involvedObject, "kind").toLowerCase(Locale.ROOT);
    String name = Fields.text(involvedObject, "name");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  /** {@code kubelet, node-1}: the source component and host, else the reporting controller's. */
  private static String source(JsonNode event) {
    String component =
        firstNonEmpty(
            Fields.text(event, "source", "component"), Fields.text(event, "reportingComponent"));
    String host =
        firstNonEmpty(
            Fields.text(event, "source", "host"), Fields.text(event, "reportingInstance"));
    return host.isEmpty() ? component : component + ", " + host;
  }

  private static String firstNonEmpty(String first, String second) {
    return first.isEmpty() ? second : first;
  }
}
