package io.canarymesh.samples.microapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicroApiConfigTest {

  @Test
  void emptyEnvironmentGivesTheDefaults() throws Exception {
    MicroApiConfig config = MicroApiConfig.fromEnv(Map.of());

    assertThat(config.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.version()).isEqualTo("1.0-SNAPSHOT");
    assertThat(config.errorRate()).isZero();
    assertThat(config.extraLatency()).isZero();
    assertThat(MicroApiConfig.defaults()).isEqualTo(config);
  }

  @Test
  void emptyValuesCountAsUnset() {
    Map<String, String> env =
        Map.of(
            "POD_IP", "", "PORT", "", "APP_VERSION", "", "ERROR_RATE", "", "EXTRA_LATENCY_MS", "");

    assertThat(MicroApiConfig.fromEnv(env)).isEqualTo(MicroApiConfig.defaults());
  }

  @Test
  void readsEveryVariable() throws Exception {
    Map<String, String> env =
        Map.of(
            "POD_IP", "127.244.0.7",
            "PORT", "19090",
            "APP_VERSION", "1.3-SNAPSHOT",
            "ERROR_RATE", "0.25",
            "EXTRA_LATENCY_MS", "150",
            "UNRELATED", "ignored");

    assertThat(MicroApiConfig.fromEnv(env))
        .isEqualTo(
            new MicroApiConfig(
                InetAddress.getByName("127.244.0.7"),
                19090,
                "1.3-SNAPSHOT",
                0.25,
                Duration.ofMillis(150)));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "POD_IP, 127.0.0.1",
    "POD_IP, 0.0.0.0",
    "POD_IP, 255.255.255.255",
    "POD_IP, ::1",
    "POD_IP, [::1]",
    "POD_IP, fe80::1",
    "POD_IP, ::ffff:127.0.0.1",
    "PORT, 0",
    "PORT, 65535",
    "ERROR_RATE, 0",
    "ERROR_RATE, 1",
    "ERROR_RATE, 1.0",
    "ERROR_RATE, .5",
    "ERROR_RATE, 0.001",
    "EXTRA_LATENCY_MS, 0",
    "EXTRA_LATENCY_MS, 600000",
    "APP_VERSION, 1.1-SNAPSHOT",
  })
  void acceptsValidValues(String variable, String value) {
    assertThat(MicroApiConfig.fromEnv(Map.of(variable, value))).isNotNull();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POD_IP | localhost | must be an IPv4 or IPv6 address",
        "POD_IP | 127.1 | must be an IPv4 or IPv6 address",
        "POD_IP | 010.0.0.1 | must be an IPv4 or IPv6 address",
        "POD_IP | 256.0.0.1 | must be an IPv4 or IPv6 address",
        "POD_IP | 1.2.3.4.5 | must be an IPv4 or IPv6 address",
        "POD_IP | ::g | must be an IPv4 or IPv6 address",
        "POD_IP | g::1 | must be an IPv4 or IPv6 address",
        "POD_IP | 1:2:3:4:5:6:7:8:9 | must be an IPv4 or IPv6 address",
        "PORT | http | must be an integer between 0 and 65535",
        "PORT | -1 | must be an integer between 0 and 65535",
        "PORT | +80 | must be an integer between 0 and 65535",
        "PORT | 65536 | must be an integer between 0 and 65535",
        "PORT | 99999999999 | must be an integer between 0 and 65535",
        "PORT | 9090.0 | must be an integer between 0 and 65535",
        "ERROR_RATE | -0.1 | must be a number between 0 and 1",
        "ERROR_RATE | 1.01 | must be a number between 0 and 1",
        "ERROR_RATE | NaN | must be a number between 0 and 1",
        "ERROR_RATE | 0.5d | must be a number between 0 and 1",
        "ERROR_RATE | 50% | must be a number between 0 and 1",
        "EXTRA_LATENCY_MS | -5 | must be an integer between 0 and 600000",
        "EXTRA_LATENCY_MS | 1.5 | must be an integer between 0 and 600000",
        "EXTRA_LATENCY_MS | 600001 | must be an integer between 0 and 600000",
        "EXTRA_LATENCY_MS | 100ms | must be an integer between 0 and 600000",
      })
  void rejectsInvalidValuesNamingTheVariable(String variable, String value, String expected) {
    assertThatThrownBy(() -> MicroApiConfig.fromEnv(Map.of(variable, value)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(variable + ": Invalid value: \"" + value + "\": " + expected);
  }

  @Test
  void reportsEveryInvalidVariableOnOneLine() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "x");
    env.put("ERROR_RATE", "2");
    env.put("EXTRA_LATENCY_MS", "slow\nly");

    assertThatThrownBy(() -> MicroApiConfig.fromEnv(env))
        .isInstanceOfSatisfying(
            InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(3))
        .hasMessage(
            "PORT: Invalid value: \"x\": must be an integer between 0 and 65535; "
                + "ERROR_RATE: Invalid value: \"2\": must be a number between 0 and 1; "
                + "EXTRA_LATENCY_MS: Invalid value: \"slow\\nly\": must be an integer between 0 and"
                + " 600000");
  }

  @Test
  void constructorRejectsOutOfRangeValues() {
    MicroApiConfig config = MicroApiConfig.defaults();

    assertThatThrownBy(() -> config.withPort(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535: 65536");
    assertThatThrownBy(() -> config.withKnobs(Double.NaN, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("errorRate must be between 0 and 1: NaN");
    assertThatThrownBy(() -> config.withKnobs(0, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extraLatency must not be negative: PT-0.001S");
  }

  @Test
  void copiesChangeOnlyWhatTheySay() {
    MicroApiConfig config = MicroApiConfig.defaults();

    assertThat(config.withPort(0).port()).isZero();
    assertThat(config.withVersion("1.3-SNAPSHOT").version()).isEqualTo("1.3-SNAPSHOT");
    assertThat(config.withKnobs(0.5, Duration.ofMillis(7)))
        .extracting(MicroApiConfig::errorRate, MicroApiConfig::extraLatency, MicroApiConfig::port)
        .containsExactly(0.5, Duration.ofMillis(7), 9090);
  }
}
