package io.canarymesh.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  /** Both sides of every branch boundary of apimachinery's duration.HumanDuration. */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -PT2S              | <invalid>
          -PT1.999S          | 0s
          -PT1S              | 0s
          -PT0.5S            | 0s
          PT0S               | 0s
          PT0.999S           | 0s
          PT1S               | 1s
          PT45S              | 45s
          PT1M59.999S        | 119s
          PT2M               | 2m
          PT2M1S             | 2m1s
          PT3M12S            | 3m12s
          PT9M59S            | 9m59s
          PT10M              | 10m
          PT10M59S           | 10m
          PT15M              | 15m
          PT2H59M59S         | 179m
          PT3H               | 3h
          PT3H0M59S          | 3h
          PT5H3M             | 5h3m
          PT7H59M            | 7h59m
          PT8H               | 8h
          PT20H              | 20h
          PT47H59M           | 47h
          PT48H              | 2d
          PT76H              | 3d4h
          PT191H59M          | 7d23h
          PT192H             | 8d
          P190D              | 190d
          PT17519H           | 729d
          PT17520H           | 2y
          P733D              | 2y3d
          PT70079H           | 7y364d
          PT70080H           | 8y
          P3650D             | 10y
          """)
  void formatsLikeKubectl(String duration, String expected) {
    assertThat(HumanDuration.format(Duration.parse(duration))).isEqualTo(expected);
  }

  @Test
  void ageIsUnknownWithoutCreationTimestamp() {
    assertThat(Age.of(TableFixtures.yaml("metadata: {name: x}"), TableFixtures.NOW))
        .isEqualTo("<unknown>");
  }

  @Test
  void ageCountsFromCreationTimestamp() {
    assertThat(
            Age.of(
                TableFixtures.yaml("metadata: {creationTimestamp: '2025-06-01T11:56:48Z'}"),
                TableFixtures.NOW))
        .isEqualTo("3m12s");
  }
}
