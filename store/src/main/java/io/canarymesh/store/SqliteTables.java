package io.canarymesh.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's three tables and every statement run on them. Not thread-safe: the store calls it
 * with its writer lock held. SQL errors become {@link StorageFailureException}s.
 *
 * <ul>
 *   <li>{@code objects}: the current object per key, as JSON; never compacted.
 *   <li>{@code changes}: the change log, one row per revision, compacted from the oldest end.
 *   <li>{@code counters}: {@code revision} (the last one assigned) and {@code compacted} (the
 *       highest one dropped from the log). The revision is kept here, not derived from the log,
 *       because the log may be compacted away entirely.
 * </ul>
 */
final class SqliteTables {

  /** Bumped when the schema changes, so a later version can migrate an older file. */
  static final int SCHEMA_VERSION = 1;

  private static final String[] SCHEMA = {
    """
    CREATE TABLE IF NOT EXISTS objects (
      resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
      object TEXT NOT NULL,
      PRIMARY KEY (resource, namespace, name)) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS changes (
      revision INTEGER PRIMARY KEY, type TEXT NOT NULL,
      resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
      object TEXT NOT NULL, committed_at_millis INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS changes_by_resource ON changes (resource, revision)",
    """
    CREATE TABLE IF NOT EXISTS counters (
      name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID""",
    "INSERT OR IGNORE INTO counters (name, value) VALUES ('revision', 0), ('compacted', 0)",
    "PRAGMA user_version = " + SCHEMA_VERSION
  };

  private final PreparedStatement findObject;
  private final PreparedStatement listObjects;
  private final PreparedStatement putObject;
  private final PreparedStatement removeObject;
  private final PreparedStatement appendChange;
  private final PreparedStatement readChanges;
  private final PreparedStatement lastChangeBefore;
  private final PreparedStatement dropChanges;
  private final PreparedStatement readCounter;
  private final PreparedStatement writeCounter;

  private SqliteTables(Connection connection) throws SQLException {
    findObject =
        connection.prepareStatement(
            "SELECT object FROM objects WHERE resource = ? AND namespace = ? AND name = ?");
    listObjects =
        connection.prepareStatement(
            "SELECT object FROM objects WHERE resource = ? AND (? OR namespace = ?)"
                + " ORDER BY namespace, name");
    putObject =
        connection.prepareStatement(
            "INSERT INTO objects (resource, namespace, name, object) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (resource, namespace, name) DO UPDATE SET object = excluded.object");
    removeObject =
        connection.prepareStatement(
            "DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?");
    appendChange =
        connection.prepareStatement(
            "INSERT INTO changes (revision, type, resource, namespace, name, object,"
                + " committed_at_millis) VALUES (?, ?, ?, ?, ?, ?, ?)");
    readChanges =
        connection.prepareStatement(
            "SELECT revision, type, namespace, name, object FROM changes"
                + " WHERE resource = ? AND revision > ? AND revision <= ? AND (? OR namespace = ?)"
                + " ORDER BY revision LIMIT ?");
    lastChangeBefore =
        connection.prepareStatement(
            "SELECT coalesce(max(revision), 0) FROM changes WHERE committed_at_millis < ?");
    dropChanges = connection.prepareStatement("DELETE FROM changes WHERE revision <= ?");
    readCounter = connection.prepareStatement("SELECT value FROM counters WHERE name = ?");
    writeCounter = connection.prepareStatement("UPDATE counters SET value = ? WHERE name = ?");
  }

  /** Creates the tables if absent (in the caller's transaction) and prepares the statements. */
  static SqliteTables create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : SCHEMA) {
        statement.execute(sql);
      }
    }
    return new SqliteTables(connection);
  }

  Optional<ObjectNode> find(ResourceKey key) {
    try {
      bindKey(findObject, key);
      try (ResultSet rows = findObject.executeQuery()) {
        return rows.next() ? Optional.of(Json.parseObject(rows.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read " + key, e);
    }
  }

  List<ObjectNode> list(String resource, Optional<String> namespace) {
    try {
      listObjects.setString(1, resource);
      listObjects.setBoolean(2, namespace.isEmpty());
      listObjects.setString(3, namespace.orElse(""));
      List<ObjectNode> items = new ArrayList<>();
      try (ResultSet rows = listObjects.executeQuery()) {
        while (rows.next()) {
          items.add(Json.parseObject(rows.getString(1)));
        }
      }
      return items;
    } catch (SQLException e) {
      throw failure("list " + resource, e);
    }
  }

  void put(ResourceKey key, String json) {
    try {
      bindKey(putObject, key);
      putObject.setString(4, json);
      putObject.executeUpdate();
    } catch (SQLException e) {
      throw failure("write " + key, e);
    }
  }

  void remove(ResourceKey key) {
    try {
      bindKey(removeObject, key);
      removeObject.executeUpdate();
    } catch (SQLException e) {
      throw failure("remove " + key, e);
    }
  }

  void appendChange(WatchEvent event, long committedAtMillis) {
    try {
      appendChange.setLong(1, event.revision());
      appendChange.setString(2, event.type().name());
      appendChange.setString(3, event.key().resource());
      appendChange.setString(4, event.key().namespace());
      appendChange.setString(5, event.key().name());
      appendChange.setString(6, event.json());
      appendChange.setLong(7, committedAtMillis);
      appendChange.executeUpdate();
    } catch (SQLException e) {
      throw failure("log revision " + event.revision(), e);
    }
  }

  /** Up to {@code limit} logged changes of one resource in {@code (after, upTo]}, in order. */
  List<WatchEvent> changes(
      String resource, Optional<String> namespace, long after, long upTo, int limit) {
    try {
      readChanges.setString(1, resource);
      readChanges.setLong(2, after);
      readChanges.setLong(3, upTo);
      readChanges.setBoolean(4, namespace.isEmpty());
      readChanges.setString(5, namespace.orElse(""));
      readChanges.setInt(6, limit);
      List<WatchEvent> events = new ArrayList<>();
      try (ResultSet rows = readChanges.executeQuery()) {
        while (rows.next()) {
          ResourceKey key = new ResourceKey(resource, rows.getString(3), rows.getString(4));
          events.add(
              new WatchEvent(
                  rows.getLong(1),
                  WatchEvent.Type.valueOf(rows.getString(2)),
                  key,
                  rows.getString(5)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw failure("read the change log of " + resource, e);
    }
  }

  /** The newest logged revision committed before {@code millis}, or 0. */
  long lastRevisionCommittedBefore(long millis) {
    try {
      lastChangeBefore.setLong(1, millis);
      try (ResultSet rows = lastChangeBefore.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("read the change log's times", e);
    }
  }

  void dropChangesUpTo(long revision) {
    try {
      dropChanges.setLong(1, revision);
      dropChanges.executeUpdate();
    } catch (SQLException e) {
      throw failure("compact the change log to " + revision, e);
    }
  }

  long counter(String name) {
    try {
      readCounter.setString(1, name);
      try (ResultSet rows = readCounter.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("read counter " + name, e);
    }
  }

  void setCounter(String name, long value) {
    try {
      writeCounter.setLong(1, value);
      writeCounter.setString(2, name);
      writeCounter.executeUpdate();
    } catch (SQLException e) {
      throw failure("write counter " + name, e);
    }
  }

  private static void bindKey(PreparedStatement statement, ResourceKey key) throws SQLException {
    statement.setString(1, key.resource());
    statement.setString(2, key.namespace());
    statement.setString(3, key.name());
  }

  private static StorageFailureException failure(String action, SQLException e) {
    return new StorageFailureException("cannot " + action + ": " + e.getMessage(), e);
  }
}
