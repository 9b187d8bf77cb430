package io.canarymesh.samples.microapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonStringTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '\'',
      value = {
        "plain ; \"plain\"",
        "a\"b ; \"a\\\"b\"",
        "back\\slash ; \"back\\\\slash\"",
        "V3|x->OK! ; \"V3|x->OK!\"",
      })
  void quotes(String raw, String quoted) {
    assertThat(JsonString.quote(raw)).isEqualTo(quoted);
  }

  @Test
  void escapesControlCharactersSoTheResultStaysOnOneLine() {
    assertThat(JsonString.quote("a\nb\rc\td\u0001")).isEqualTo("\"a\\nb\\rc\\td\\u0001\"");
  }
}
