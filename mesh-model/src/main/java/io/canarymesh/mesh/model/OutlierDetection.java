package io.canarymesh.mesh.model;

import java.time.Duration;

/**
 * Passive health checking ({@code outlierDetection}): an endpoint failing in a row is ejected for
 * {@code baseEjectionTime} × (its number of ejections), then returns.
 *
 * @param consecutive5xxErrors 5xx answers (and local failures) in a row that eject; 0 = off
 * @param consecutiveGatewayErrors 502/503/504 answers in a row that eject; 0 = off
 * @param interval how often ejections are reconsidered
 * @param baseEjectionTime the first ejection's length
 * @param maxEjectionPercent at most this share of the endpoints ejected at once
 * @param minHealthPercent below this share of healthy endpoints, detection is suspended
 */
public record OutlierDetection(
    int consecutive5xxErrors,
    int consecutiveGatewayErrors,
    Duration interval,
    Duration baseEjectionTime,
    int maxEjectionPercent,
    int minHealthPercent) {

  public static final int DEFAULT_CONSECUTIVE_5XX = 5;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BASE_EJECTION_TIME = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_EJECTION_PERCENT = 10;

  public OutlierDetection {
    Checks.nonNegative(consecutive5xxErrors, "consecutive5xxErrors");
    Checks.nonNegative(consecutiveGatewayErrors, "consecutiveGatewayErrors");
    Checks.nonNegative(interval, "interval");
    Checks.nonNegative(baseEjectionTime, "baseEjectionTime");
    Checks.percentage(maxEjectionPercent, "maxEjectionPercent");
    Checks.percentage(minHealthPercent, "minHealthPercent");
  }
}
