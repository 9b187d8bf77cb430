package io.canarymesh.store;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Records a watch's events as {@code "3 ADDED default/web"} lines, and how it ended. */
class RecordingListener implements WatchListener {

  static final Duration PATIENCE = Duration.ofSeconds(20);

  final List<WatchEvent> events = new CopyOnWriteArrayList<>();
  final AtomicReference<StoreException> closedWith = new AtomicReference<>();

  @Override
  public void onEvent(WatchEvent event) {
    events.add(event);
  }

  @Override
  public void onClosed(StoreException reason) {
    closedWith.set(reason);
  }

  static String line(WatchEvent event) {
    return event.revision()
        + " "
        + event.type()
        + " "
        + event.key().namespace()
        + "/"
        + event.key().name();
  }

  List<String> lines() {
    return events.stream().map(RecordingListener::line).toList();
  }

  /** Waits for at least {@code count} events and returns them all as lines. */
  List<String> awaitLines(int count) {
    await().atMost(PATIENCE).until(() -> events.size() >= count);
    return lines();
  }

  StoreException awaitClosed() {
    await().atMost(PATIENCE).until(() -> closedWith.get() != null);
    return closedWith.get();
  }
}
