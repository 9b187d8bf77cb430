package io.canarymesh.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearerTokenAuthenticatorTest {
  private final BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator("s3cret");

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Bearer s3cret|true",
        "bearer s3cret|true",
        "BEARER s3cret|true",
        "  Bearer   s3cret  |true",
        "Bearer wrong|false",
        "Bearer s3cret2|false",
        "Basic s3cret|false",
        "Bearer|false",
        "Bearer |false",
        "s3cret|false",
        "Bearer s3 cret|false",
      })
  void acceptsOnlyTheBearerToken(String header, boolean accepted) {
    assertThat(authenticator.authenticate(header)).isEqualTo(accepted);
  }

  @org.junit.jupiter.api.Test
  void noHeaderIsNoAccess() {
    assertThat(authenticator.authenticate(null)).isFalse();
  }
}
