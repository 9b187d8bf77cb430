package io.canarymesh.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The process {@link StoreDurabilityIT} kills: writes in a loop and prints each write it has
 * acknowledged. Each step is one transaction of two writes — create ConfigMap {@code r<run>-<i>}
 * with a payload derived from its name, and point the ConfigMap {@code counter} at it — and prints
 * {@code ACK <create revision> <update revision> <name> END} once it has committed.
 *
 * <p>Arguments: the database file and the run number.
 */
public final class DurabilityWriterMain {

  static final ResourceKey COUNTER = new ResourceKey("configmaps", "default", "counter");
  private static final int MAX_STEPS = 100_000;

  private DurabilityWriterMain() {}

  public static void main(String[] args) throws StoreException {
    Path file = Path.of(args[0]);
    int run = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (ObjectStore store = ObjectStore.open(file, Clock.systemUTC(), StoreConfig.defaults())) {
      if (store.get(COUNTER).isEmpty()) {
        store.create(COUNTER, pointingAt("none"));
      }
      for (int i = 1; i <= MAX_STEPS; i++) {
        String name = "r" + run + "-" + i;
        List<ObjectNode> written =
            store.transaction(
                tx ->
                    List.of(
                        tx.create(key(name), withPayload(name)),
                        tx.update(COUNTER, pointingAt(name))));
        out.print(
            "ACK %s %s %s END\n"
                .formatted(
                    TestObjects.resourceVersion(written.get(0)),
                    TestObjects.resourceVersion(written.get(1)),
                    name));
        out.flush();
      }
    }
  }

  static ResourceKey key(String name) {
    return new ResourceKey("configmaps", "default", name);
  }

  /** A few kilobytes that only this name produces, so a torn object cannot pass for whole. */
  static String payload(String name) {
    return (name + ":").repeat(4096 / (name.length() + 1));
  }

  static ObjectNode withPayload(String name) {
    ObjectNode object = TestObjects.configMap(name);
    object.withObjectProperty("data").put("payload", payload(name));
    return object;
  }

  static ObjectNode pointingAt(String name) {
    ObjectNode object = TestObjects.configMap(name);
    object.withObjectProperty("data").put("last", name);
    return object;
  }
}
