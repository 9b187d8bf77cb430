package io.canarymesh.proxy;

/** Envoy's response flags, as they appear in access logs and the {@code response_flags} label. */
final class ResponseFlags {
  private ResponseFlags() {}

  static final String NONE = "-";

  /** No route matched. */
  static final String NO_ROUTE = "NR";

  /** The route's cluster does not exist (missing subset, host or port). */
  static final String NO_CLUSTER = "NC";

  /** No healthy upstream endpoint. */
  static final String NO_HEALTHY_UPSTREAM = "UH";

  /** Upstream connection failure. */
  static final String UPSTREAM_CONNECT_FAILURE = "UF";

  /** Upstream connection terminated. */
  static final String UPSTREAM_TERMINATION = "UC";

  /** Connection-pool limit overflow. */
  static final String UPSTREAM_OVERFLOW = "UO";

  /** Upstream request timeout. */
  static final String UPSTREAM_TIMEOUT = "UT";

  /** Retry limit exceeded. */
  static final String RETRY_LIMIT = "URX";

  /** The downstream connection terminated. */
  static final String DOWNSTREAM_TERMINATION = "DC";

  /** Downstream protocol error (malformed request). */
  static final String DOWNSTREAM_PROTOCOL_ERROR = "DPE";

  /** Fault injection abort. */
  static final String FAULT_ABORT = "FI";

  /** Fault injection delay. */
  static final String FAULT_DELAY = "DI";
}
