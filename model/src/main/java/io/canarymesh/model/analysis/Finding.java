package io.canarymesh.model.analysis;

import static java.util.Objects.requireNonNull;

/**
 * One analysis result, printed as {@code istioctl analyze} prints it: {@code Error [IST0101]
 * (VirtualService default/micro-api-route) Referenced gateway not found: "micro-gateway"}.
 *
 * @param level how serious
 * @param code Istio's message code ({@code IST0101}), or ours ({@code CM…}) where Istio has none
 * @param resource the resource the finding is about, as {@code Kind namespace/name}
 * @param message what is wrong
 */
public record Finding(Level level, String code, String resource, String message) {

  /** Istio's message levels. */
  public enum Level {
    ERROR("Error"),
    WARNING("Warning"),
    INFO("Info");

    /** As printed: {@code Warning}. */
    public final String words;

    Level(String words) {
      this.words = words;
    }
  }

  public Finding {
    requireNonNull(level, "level");
    requireNonNull(code, "code");
    requireNonNull(resource, "resource");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return level.words + " [" + code + "] (" + resource + ") " + message;
  }
}
