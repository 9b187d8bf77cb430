package io.canarymesh.samples.microapi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One response the service gives, fixed before any byte is written.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header
 * @param body the exact body text, sent as UTF-8
 * @param headers further headers, e.g. {@code Allow} on a 405
 */
record Reply(int status, String contentType, String body, Map<String, String> headers) {

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  private static final String TEST_DATA = "Independent test interface return->OK!";

  Reply {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /**
   * The article's answer to {@code GET /test/test}; images tagged {@code 1.3*} mark it {@code V3|}:
   * {@code {"code":0,"data":"V3|Independent test interface return->OK!","message":"success"}}.
   */
  static Reply testInterface(String version) {
    String data = (version.startsWith("1.3") ? "V3|" : "") + TEST_DATA;
    return json(
        200, "{\"code\":0,\"data\":" + JsonString.quote(data) + ",\"message\":\"success\"}");
  }

  /** What {@code ERROR_RATE} makes a request answer, in the same envelope as a success. */
  static Reply injectedError() {
    return json(500, "{\"code\":500,\"data\":null,\"message\":\"injected error\"}");
  }

  /** The request was cut short because the server stopped before its latency was over. */
  static Reply shuttingDown() {
    return json(503, "{\"code\":503,\"data\":null,\"message\":\"shutting down\"}");
  }

  static Reply healthy() {
    return new Reply(200, TEXT, "ok", Map.of());
  }

  /** Worded like Spring Boot's error body, minus the timestamp so that it is reproducible. */
  static Reply notFound(String path) {
    return json(404, errorBody(404, "Not Found", path));
  }

  /** Every known path answers GET only; {@code Allow} says so, as RFC 9110 asks of a 405. */
  static Reply methodNotAllowed(String path) {
    return new Reply(405, JSON, errorBody(405, "Method Not Allowed", path), Map.of("Allow", "GET"));
  }

  byte[] bodyBytes() {
    return body.getBytes(UTF_8);
  }

  private static Reply json(int status, String body) {
    return new Reply(status, JSON, body, Map.of());
  }

  private static String errorBody(int status, String error, String path) {
    return "{\"status\":%d,\"error\":%s,\"path\":%s}"
        .formatted(status, JsonString.quote(error), JsonString.quote(path));
  }
}
