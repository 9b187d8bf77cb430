package io.canarymesh.apiserver.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.codec.ResourceJson;
import io.canarymesh.model.selector.SelectorException;
import io.canarymesh.store.ObjectList;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.StoreException;
import io.canarymesh.store.Watch;
import io.canarymesh.store.WatchEvent;
import io.canarymesh.store.WatchListener;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watch streams (KUBE-API.md §G): {@code ?watch=true&resourceVersion=RV} sends every change after
 * RV, one {@code {"type","object"}} line each; without RV (or "0") it first sends the current
 * objects as ADDED. A compacted RV gets an ERROR event carrying a 410 Status, so clients re-list.
 * With the Table Accept ({@code kubectl get -w}) each object is a one-row Table.
 */
public final class WatchHandler {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /** How often kube-apiserver sends bookmarks to watchers that allow them: about once a minute. */
  public static final Duration BOOKMARK_INTERVAL = Duration.ofMinutes(1);

  private final ObjectStore store;
  private final ResourceHandler resources;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final Duration bookmarkInterval;

  public WatchHandler(
      ObjectStore store,
      ResourceHandler resources,
      Clock clock,
      ScheduledExecutorService timers,
      Duration bookmarkInterval) {
    this.store = requireNonNull(store, "store");
    this.resources = requireNonNull(resources, "resources");
    this.clock = requireNonNull(clock, "clock");
    this.timers = requireNonNull(timers, "timers");
    this.bookmarkInterval = requireNonNull(bookmarkInterval, "bookmarkInterval");
  }

  /** Starts streaming to {@code sink}; the stream ends at the timeout, on error, or when closed. */
  public void watch(ApiPath path, ApiRequest request, WatchSink sink) {
    try {
      resources.filter(path.kind(), List.of(), request); // reject bad selectors before streaming
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Stream stream = new Stream(sink);
    long from = startingRevision(path, request, stream);
    stream.sent(from);
    Watch watch;
    try {
      watch =
          store.watch(
              path.storeResource(),
              Optional.ofNullable(path.namespace()),
              from,
              listener(path, request, stream));
    } catch (StoreException e) {
      sendError(sink, StoreErrors.toApi(e, path.kind(), null));
      sink.end();
      return;
    }
    sink.onClose(watch::close);
    Duration timeout =
        request
            .param("timeoutSeconds")
            .map(s -> Duration.ofSeconds(Long.parseLong(s)))
            .orElse(DEFAULT_TIMEOUT);
    var timer = timers.schedule(sink::end, timeout.toMillis(), TimeUnit.MILLISECONDS);
    sink.onClose(() -> timer.cancel(false));
    if (request.flag("allowWatchBookmarks")) {
      long every = bookmarkInterval.toMillis();
      var bookmarks =
          timers.scheduleAtFixedRate(
              () -> stream.bookmark(path), every, every, TimeUnit.MILLISECONDS);
      sink.onClose(() -> bookmarks.cancel(false));
    }
  }

  /**
   * One watch's output, serialized, remembering the revision of the last event sent: a bookmark
   * carries exactly that revision, so "everything up to the bookmark was delivered" holds.
   */
  private static final class Stream {
    private final WatchSink sink;
    private long lastSent;

    Stream(WatchSink sink) {
      this.sink = sink;
    }

    synchronized void send(long revision, byte[] event) {
      sink.send(event);
      lastSent = Math.max(lastSent, revision);
    }

    synchronized void sent(long revision) {
      lastSent = Math.max(lastSent, revision);
    }

    synchronized void bookmark(ApiPath path) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      object.put("kind", path.kind().kind());
      object.put("apiVersion", path.apiVersion());
      object.putObject("metadata").put("resourceVersion", Long.toString(lastSent));
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.put("type", "BOOKMARK");
      event.set("object", object);
      sink.send(bytes(event));
    }
  }

  /**
   * The revision to watch from; sends the synthetic ADDED events when the client asked for them.
   */
  private long startingRevision(ApiPath path, ApiRequest request, Stream stream) {
    Optional<String> version = request.param("resourceVersion");
    if (version.isPresent() && !version.get().equals("0")) {
      try {
        return Long.parseLong(version.get());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid resource version: \"" + version.get() + "\"");
      }
    }
    ObjectList list = store.list(path.storeResource(), Optional.ofNullable(path.namespace()));
    for (ObjectNode item : resources.filter(path.kind(), list.items(), request)) {
      stream.send(ResourceHandler.revisionOf(item), event(path, request, "ADDED", item));
    }
    return list.revision();
  }

  private WatchListener listener(ApiPath path, ApiRequest request, Stream stream) {
    return new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        ObjectNode object = event.object();
        if (!resources.filter(path.kind(), List.of(object), request).isEmpty()) {
          stream.send(event.revision(), event(path, request, event.type().name(), object));
        } else {
          stream.sent(event.revision()); // filtered out, but seen: a bookmark may pass it
        }
      }

      @Override
      public void onClosed(StoreException reason) {
        if (reason.reason() == StoreException.Reason.GONE) {
          sendError(stream.sink, StoreErrors.toApi(reason, path.kind(), null));
        }
        stream.sink.end();
      }
    };
  }

  private byte[] event(ApiPath path, ApiRequest request, String type, ObjectNode stored) {
    ObjectNode view = ObjectViews.view(path, stored);
    JsonNode object =
        request.wantsTable()
            ? ObjectViews.table(
                path.kind(), List.of(view), ResourceHandler.revisionOf(stored), clock.instant())
            : view;
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", type);
    event.set("object", object);
    return bytes(event);
  }

  private static void sendError(WatchSink sink, ApiException error) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", "ERROR");
    event.set("object", error.toStatus());
    sink.send(bytes(event));
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return ResourceJson.mapper().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
