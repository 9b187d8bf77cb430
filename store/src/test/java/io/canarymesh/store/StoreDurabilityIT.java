package io.canarymesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a process writing to the store loses no acknowledged write and leaves no
 * half-written object; the reopened store goes on from the last revision. Three times over, on the
 * same file.
 */
class StoreDurabilityIT {

  static final int ACKS_BEFORE_KILL = 300;
  static final Duration BOUND = Duration.ofSeconds(60);
  static final Pattern ACK = Pattern.compile("ACK (\\d+) (\\d+) (r\\d+-\\d+) END");

  record Ack(long createRevision, long updateRevision, String name) {}

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void killedMidWriteLoopLosesNoAcknowledgedWrite() throws Exception {
    Path file = dir.resolve("state.db");
    long revisionBefore = 0;
    for (int run = 1; run <= 3; run++) {
      List<Ack> acks = writeUntilKilled(file, run);

      assertThat(acks).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
      assertThat(acks.getFirst().createRevision())
          .as("run %d continues after the revisions before it", run)
          .isGreaterThan(revisionBefore);
      revisionBefore = verify(file, run, acks);
    }
  }

  /** Starts the writer, kills it with SIGKILL after enough acks; returns every ack it printed. */
  private List<Ack> writeUntilKilled(Path file, int run) throws Exception {
    Path stderr = dir.resolve("writer-" + run + ".err");
    Process writer =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityWriterMain.class.getName(),
                file.toString(),
                Integer.toString(run))
            .redirectError(stderr.toFile())
            .start();
    List<Ack> acks = new CopyOnWriteArrayList<>();
    Thread reader = Thread.ofPlatform().start(() -> readAcks(writer, acks));
    try {
      await()
          .atMost(BOUND)
          .failFast("the writer exited early: " + Files.readString(stderr), () -> !writer.isAlive())
          .until(() -> acks.size() >= ACKS_BEFORE_KILL);
    } finally {
      writer.destroyForcibly();
      writer.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
    }
    reader.join(BOUND);
    assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    return List.copyOf(acks);
  }

  /** Reads stdout to the end, keeping only complete ack lines (the last may be cut short). */
  private static void readAcks(Process writer, List<Ack> acks) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher ack = ACK.matcher(line);
        if (ack.matches()) {
          acks.add(
              new Ack(Long.parseLong(ack.group(1)), Long.parseLong(ack.group(2)), ack.group(3)));
        }
      }
    } catch (IOException e) {
      // the pipe closes when the process dies
    }
  }

  /** Checks the reopened file against the acks; returns the revision after a probe write. */
  private long verify(Path file, int run, List<Ack> acks) throws StoreException {
    try (ObjectStore store = ObjectStore.open(file, Clock.systemUTC(), StoreConfig.defaults())) {
      long revision = store.currentRevision();
      assertThat(revision).isGreaterThanOrEqualTo(acks.getLast().updateRevision());

      for (Ack ack : acks) {
        ObjectNode object = store.get(DurabilityWriterMain.key(ack.name())).orElseThrow();
        assertThat(TestObjects.resourceVersion(object))
            .as(ack.name())
            .isEqualTo(Long.toString(ack.createRevision()));
        assertThat(ack.updateRevision()).isEqualTo(ack.createRevision() + 1);
      }
      List<ObjectNode> all = store.list("configmaps", Optional.of("default")).items();
      List<ObjectNode> written = new ArrayList<>();
      for (ObjectNode object : all) {
        String name = object.at("/metadata/name").asText();
        if (name.matches("r\\d+-\\d+")) {
          assertThat(object.at("/data/payload").asText().equals(DurabilityWriterMain.payload(name)))
              .as("%s is whole", name)
              .isTrue();
          written.add(object);
        }
      }
      assertLastTransactionIsWhole(store, run, written);
      assertLogHasEveryAck(store, acks);

      ObjectNode probe =
          store.create(
              DurabilityWriterMain.key("probe-" + run), DurabilityWriterMain.pointingAt("x"));
      assertThat(TestObjects.resourceVersion(probe)).isEqualTo(Long.toString(revision + 1));
      return revision + 1;
    }
  }

  /** Both writes of a step or neither: the counter names the newest ConfigMap of this run. */
  private static void assertLastTransactionIsWhole(
      ObjectStore store, int run, List<ObjectNode> written) {
    ObjectNode newest =
        written.stream()
            .filter(o -> o.at("/metadata/name").asText().startsWith("r" + run + "-"))
            .max(Comparator.comparingLong(o -> o.at("/metadata/resourceVersion").asLong()))
            .orElseThrow();
    ObjectNode counter = store.get(DurabilityWriterMain.COUNTER).orElseThrow();
    assertThat(counter.at("/data/last").asText()).isEqualTo(newest.at("/metadata/name").asText());
    assertThat(counter.at("/metadata/resourceVersion").asLong())
        .isEqualTo(newest.at("/metadata/resourceVersion").asLong() + 1);
    assertThat(store.currentRevision()).isEqualTo(counter.at("/metadata/resourceVersion").asLong());
  }

  /** The change log replays every acknowledged write at its revision. */
  private static void assertLogHasEveryAck(ObjectStore store, List<Ack> acks)
      throws StoreException {
    long from = acks.getFirst().createRevision() - 1;
    RecordingListener listener = new RecordingListener();
    Watch watch = store.watch("configmaps", Optional.empty(), from, listener);
    try {
      List<String> log = listener.awaitLines((int) (store.currentRevision() - from));
      for (Ack ack : acks) {
        assertThat(log)
            .contains(
                ack.createRevision() + " ADDED default/" + ack.name(),
                ack.updateRevision() + " MODIFIED default/counter");
      }
    } finally {
      watch.close();
    }
  }
}
