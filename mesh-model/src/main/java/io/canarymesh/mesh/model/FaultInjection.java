package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code HTTPFaultInjection}: a delay and/or an abort, each applied to a percentage of requests.
 *
 * @param delay delay before forwarding
 * @param abort answer with an error instead of forwarding
 */
public record FaultInjection(Optional<Delay> delay, Optional<Abort> abort) {
  public FaultInjection {
    requireNonNull(delay, "delay");
    requireNonNull(abort, "abort");
  }

  /**
   * @param fixedDelay how long to wait
   * @param percentage of requests delayed, 0..100
   */
  public record Delay(Duration fixedDelay, double percentage) {
    public Delay {
      Checks.nonNegative(fixedDelay, "fixedDelay");
      Checks.percentage(percentage, "delay percentage");
    }
  }

  /**
   * @param httpStatus the status answered
   * @param grpcStatus the gRPC status name answered to gRPC requests ({@code UNAVAILABLE}), if
   *     given instead of an HTTP status
   * @param percentage of requests aborted, 0..100
   */
  public record Abort(int httpStatus, Optional<String> grpcStatus, double percentage) {
    public Abort {
      Checks.httpStatus(httpStatus, "abort httpStatus");
      requireNonNull(grpcStatus, "grpcStatus");
      Checks.percentage(percentage, "abort percentage");
    }
  }
}
