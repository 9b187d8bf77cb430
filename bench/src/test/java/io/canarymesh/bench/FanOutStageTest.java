package io.canarymesh.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FanOutStageTest {

  @Test
  void parsesACommaSeparatedListInOrder() {
    assertThat(FanOutStage.parseList("250@25, 500@100"))
        .containsExactly(new FanOutStage(250, 25), new FanOutStage(500, 100));
    assertThat(FanOutStage.parseList(BenchConfig.DEFAULT_STAGES).stream().map(FanOutStage::text))
        .isEqualTo(List.of("250@25", "500@100"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "500          | invalid fan-out stage \"500\": expected UPDATES@RATE, e.g. 500@100",
        "500@100@2    | invalid fan-out stage \"500@100@2\": expected UPDATES@RATE, e.g. 500@100",
        "500@fast     | invalid fan-out stage \"500@fast\": expected UPDATES@RATE, e.g. 500@100",
        "'500@100,'   | invalid fan-out stage \"\": expected UPDATES@RATE, e.g. 500@100",
        "0@100        | a fan-out stage needs at least 1 update at 1/s or more, got 0@100",
        "500@0        | a fan-out stage needs at least 1 update at 1/s or more, got 500@0",
      })
  void rejectsWhatIsNotUpdatesAtRate(String text, String message) {
    assertThatThrownBy(() -> FanOutStage.parseList(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
