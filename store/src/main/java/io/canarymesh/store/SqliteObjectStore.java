package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ObjectStore} on one SQLite connection, used by one thread at a time under {@link #lock}:
 * the single writer. Reads take the same lock — simple, and cheap next to a commit.
 *
 * <p>Durability: the database is in WAL mode. With {@code synchronous=NORMAL} a commit has written
 * its transaction to the WAL file when it returns, but not fsynced it; the bytes sit in the
 * operating system's page cache, which outlives the process, so a crash or {@code kill -9} right
 * after loses nothing, and a commit cut short is rolled back on the next open (SQLite ignores WAL
 * frames past the last commit record). Only power loss or a kernel crash can lose the latest
 * commits — never corrupt the file. {@link StoreConfig#syncEveryCommit()} selects {@code
 * synchronous=FULL} for that case, at one fsync per commit.
 *
 * <p>{@code locking_mode=EXCLUSIVE} holds the file's lock for as long as the store is open, so a
 * second store on the same file (another {@code canary up} on the same state directory) fails to
 * open instead of interleaving writes and revisions.
 */
final class SqliteObjectStore implements ObjectStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteObjectStore.class);

  private final Path file;
  private final Clock clock;
  private final StoreConfig config;
  private final Connection connection;
  private final SqliteTables tables;
  private final ReentrantLock lock = new ReentrantLock();
  private final WatchHub hub = new WatchHub();
  private final AtomicLong watchIds = new AtomicLong();
  private final ScheduledExecutorService compactor;
  private volatile long revision;
  private volatile long compacted;
  private boolean inTransaction;
  private boolean closed;

  private SqliteObjectStore(
      Path file, Clock clock, StoreConfig config, Connection connection, SqliteTables tables) {
    this.file = file;
    this.clock = clock;
    this.config = config;
    this.connection = connection;
    this.tables = tables;
    this.revision = tables.counter("revision");
    this.compacted = tables.counter("compacted");
    this.compactor =
        Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("canary-store-compactor").daemon().unstarted(task));
    long every = config.compactionInterval().toMillis();
    compactor.scheduleWithFixedDelay(
        this::compactInBackground, every, every, TimeUnit.MILLISECONDS);
  }

  static ObjectStore open(Path file, Clock clock, StoreConfig config) {
    requireNonNull(file, "file");
    requireNonNull(clock, "clock");
    requireNonNull(config, "config");
    Path path = file.toAbsolutePath();
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + path);
      configure(connection, config);
      connection.setAutoCommit(false);
      SqliteTables tables = SqliteTables.create(connection);
      connection.commit();
      connection.setAutoCommit(true);
      SqliteObjectStore store = new SqliteObjectStore(path, clock, config, connection, tables);
      LOG.info(
          "opened the object store {} at revision {} (change log after {})",
          path,
          store.revision,
          store.compacted);
      return store;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw new StorageFailureException(
          "cannot open the object store %s: %s".formatted(path, e.getMessage()), e);
    }
  }

  private static void configure(Connection connection, StoreConfig config) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 1000");
      // before WAL, so that SQLite keeps the WAL index in memory and takes the lock for good
      statement.execute("PRAGMA locking_mode = EXCLUSIVE");
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        if (!mode.next() || !mode.getString(1).equalsIgnoreCase("wal")) {
          throw new SQLException("SQLite refused WAL mode");
        }
      }
      statement.execute("PRAGMA synchronous = " + (config.syncEveryCommit() ? "FULL" : "NORMAL"));
    }
  }

  @Override
  public Optional<ObjectNode> get(ResourceKey key) {
    requireNonNull(key, "key");
    lock.lock();
    try {
      ensureOpen();
      return tables.find(key);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ObjectList list(String resource, Optional<String> namespace) {
    requireNonNull(resource, "resource");
    requireNonNull(namespace, "namespace");
    lock.lock();
    try {
      ensureOpen();
      return new ObjectList(tables.list(resource, namespace), revision);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ObjectNode create(ResourceKey key, ObjectNode object) throws StoreException {
    return transaction(tx -> tx.create(key, object));
  }

  @Override
  public ObjectNode update(ResourceKey key, ObjectNode object) throws StoreException {
    return transaction(tx -> tx.update(key, object));
  }

  @Override
  public ObjectNode update(ResourceKey key, ObjectNode object, String expectedResourceVersion)
      throws StoreException {
    return transaction(tx -> tx.update(key, object, expectedResourceVersion));
  }

  @Override
  public Deletion delete(ResourceKey key, Preconditions preconditions) throws StoreException {
    return transaction(tx -> tx.delete(key, preconditions));
  }

  @Override
  public <T> T transaction(TransactionBody<T> body) throws StoreException {
    requireNonNull(body, "body");
    lock.lock();
    try {
      ensureOpen();
      if (inTransaction) {
        throw new IllegalStateException(
            "a transaction is already open on this thread: write through its Transaction");
      }
      inTransaction = true;
      try {
        WriteTransaction transaction = new WriteTransaction(tables, clock, revision);
        T result = runAndCommit(body, transaction);
        revision = transaction.revision();
        hub.publish(transaction.events());
        return result;
      } finally {
        inTransaction = false;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs the body in a database transaction: commits when it returns, rolls back if it throws. */
  private <T> T runAndCommit(TransactionBody<T> body, WriteTransaction transaction)
      throws StoreException {
    begin();
    try {
      T result = body.run(transaction);
      if (transaction.revision() != revision) {
        tables.setCounter("revision", transaction.revision());
      }
      commit();
      return result;
    } catch (Throwable e) {
      rollback(e);
      throw e;
    } finally {
      transaction.finish();
    }
  }

  @Override
  public Watch watch(
      String resource, Optional<String> namespace, long fromRevision, WatchListener listener)
      throws StoreException {
    requireNonNull(resource, "resource");
    requireNonNull(namespace, "namespace");
    requireNonNull(listener, "listener");
    if (fromRevision < 0) {
      throw new IllegalArgumentException("fromRevision must not be negative, got " + fromRevision);
    }
    lock.lock();
    try {
      ensureOpen();
      if (fromRevision < compacted) {
        throw StoreException.gone(fromRevision, compacted);
      }
      Watcher watcher =
          new Watcher(
              resource,
              namespace,
              fromRevision,
              revision,
              config.watchQueueCapacity(),
              listener,
              (after, upTo, limit) -> readLog(resource, namespace, after, upTo, limit),
              hub::remove);
      hub.add(watcher);
      watcher.start(watchIds.incrementAndGet());
      return watcher;
    } finally {
      lock.unlock();
    }
  }

  /** A page of the log for a watch catching up; GONE if compaction overtook it meanwhile. */
  private List<WatchEvent> readLog(
      String resource, Optional<String> namespace, long after, long upTo, int limit)
      throws StoreException {
    lock.lock();
    try {
      if (closed) {
        throw StoreException.closed();
      }
      if (after < compacted) {
        throw StoreException.gone(after, compacted);
      }
      return tables.changes(resource, namespace, after, upTo, limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long currentRevision() {
    return revision;
  }

  @Override
  public long compactedRevision() {
    return compacted;
  }

  @Override
  public long compact() {
    lock.lock();
    try {
      ensureOpen();
      long target = compactionTarget();
      if (target <= compacted) {
        return compacted;
      }
      begin();
      try {
        tables.dropChangesUpTo(target);
        tables.setCounter("compacted", target);
        commit();
      } catch (RuntimeException e) {
        rollback(e);
        throw e;
      }
      LOG.debug("compacted the change log of {} to revision {}", file, target);
      compacted = target;
      return target;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The revision to compact to: the later of "{@code retainedRevisions} behind" and "the last one
   * older than the time window". With 10,000 retained at revision 12,500 that is 2,500.
   */
  private long compactionTarget() {
    long byCount = revision - config.retainedRevisions();
    long byAge =
        config
            .retentionWindow()
            .map(window -> tables.lastRevisionCommittedBefore(clock.millis() - window.toMillis()))
            .orElse(0L);
    return Math.max(byCount, byAge);
  }

  private void compactInBackground() {
    try {
      lock.lock();
      try {
        if (!closed) {
          compact();
        }
      } finally {
        lock.unlock();
      }
    } catch (RuntimeException e) {
      LOG.warn("compacting the change log of {} failed; will try again", file, e);
    }
  }

  @Override
  public void close() {
    compactor.shutdown();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      hub.endAll(StoreException.closed());
      connection.close();
      LOG.info("closed the object store {} at revision {}", file, revision);
    } catch (SQLException e) {
      throw new StorageFailureException("cannot close " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void begin() {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new StorageFailureException("cannot begin a transaction: " + e.getMessage(), e);
    }
  }

  private void commit() {
    try {
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new StorageFailureException("cannot commit: " + e.getMessage(), e);
    }
  }

  private void rollback(Throwable cause) {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the object store " + file + " is closed");
    }
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
