package io.canarymesh.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One watch fan-out run: {@code updates} updates paced at {@code ratePerSecond}, written as {@code
 * 500@100} (500 updates at 100 per second, so 5 s of writing).
 */
record FanOutStage(int updates, int ratePerSecond) {

  FanOutStage {
    if (updates < 1 || ratePerSecond < 1) {
      throw new IllegalArgumentException(
          "a fan-out stage needs at least 1 update at 1/s or more, got "
              + text(updates, ratePerSecond));
    }
  }

  /**
   * Parses a comma-separated list, e.g. {@code 250@25,500@100}.
   *
   * @throws IllegalArgumentException naming the part that is not {@code UPDATES@RATE}
   */
  static List<FanOutStage> parseList(String text) {
    List<FanOutStage> stages = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String[] numbers = part.strip().split("@", -1);
      try {
        if (numbers.length != 2) {
          throw new NumberFormatException();
        }
        stages.add(
            new FanOutStage(
                Integer.parseInt(numbers[0].strip()), Integer.parseInt(numbers[1].strip())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "invalid fan-out stage \"" + part.strip() + "\": expected UPDATES@RATE, e.g. 500@100");
      }
    }
    return List.copyOf(stages);
  }

  String text() {
    return text(updates, ratePerSecond);
  }

  private static String text(int updates, int ratePerSecond) {
    return updates + "@" + ratePerSecond;
  }
}
