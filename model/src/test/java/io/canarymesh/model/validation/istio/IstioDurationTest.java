package io.canarymesh.model.validation.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IstioDurationTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "5s, PT5S",
    "100ms, PT0.1S",
    "1.5s, PT1.5S",
    "1m, PT1M",
    "1h30m, PT1H30M",
    "2h45m10.5s, PT2H45M10.5S",
    "0, PT0S",
    "0s, PT0S",
    "+3s, PT3S",
    "-2s, PT-2S",
    "1.s, PT1S",
    ".5s, PT0.5S",
    "10us, PT0.00001S",
    "10µs, PT0.00001S",
    "7ns, PT0.000000007S",
    "1.0000000009s, PT1.000000000S",
    "0.000000001s, PT0.000000001S",
    "2562047h47m16.854775807s, PT2562047H47M16.854775807S",
  })
  void parsesGoDurations(String text, Duration expected) {
    assertThat(IstioDuration.parse(text)).isEqualTo(expected);
    assertThat(IstioDuration.tryParse(text)).contains(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''         | time: invalid duration \"\"",
        "-          | time: invalid duration \"-\"",
        "s          | time: invalid duration \"s\"",
        ".s         | time: invalid duration \".s\"",
        "5          | time: missing unit in duration \"5\"",
        "1h5        | time: missing unit in duration \"1h5\"",
        "1d         | time: unknown unit \"d\" in duration \"1d\"",
        "5 s        | time: unknown unit \" s\" in duration \"5 s\"",
        "5S         | time: unknown unit \"S\" in duration \"5S\"",
        "3000000h   | time: invalid duration \"3000000h\"",
        "1..5s      | time: missing unit in duration \"1..5s\"",
      })
  void rejectsWhatGoRejects(String text, String message) {
    assertThatThrownBy(() -> IstioDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(IstioDuration.tryParse(text)).isEmpty();
  }
}
