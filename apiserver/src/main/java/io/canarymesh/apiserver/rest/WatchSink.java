package io.canarymesh.apiserver.rest;

/** Where a watch stream's lines go: the HTTP layer's chunked response. Thread-safe. */
public interface WatchSink {
  /** Sends one JSON line (the newline is added by the sink). */
  void send(byte[] json);

  /** Ends the stream (the response's last chunk). Idempotent. */
  void end();

  /** Runs {@code action} once when the client goes away or the stream ends. */
  void onClose(Runnable action);
}
