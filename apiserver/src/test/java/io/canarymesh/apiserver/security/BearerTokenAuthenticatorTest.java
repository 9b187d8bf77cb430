package io.canarymesh.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The header parsing of kube-apiserver's {@code bearertoken.Authenticator}, case by case. */
class BearerTokenAuthenticatorTest {
  private static final String TOKEN = "s3cr3t-T0ken_x";
  private final BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(TOKEN);

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'Bearer s3cr3t-T0ken_x'       | true  | the right token",
        "'bearer s3cr3t-T0ken_x'       | true  | the scheme in any case",
        "'BEARER s3cr3t-T0ken_x'       | true  | the scheme in any case",
        "'  Bearer s3cr3t-T0ken_x \t'  | true  | surrounding whitespace is trimmed",
        "'Bearer s3cr3t-T0ken_x extra' | true  | a third part is ignored, as in Kubernetes",
        "'Bearer wrong'                | false | a wrong token",
        "'Bearer s3cr3t-T0ken_'        | false | a prefix of the token",
        "'Bearer s3cr3t-T0ken_xx'      | false | the token and more",
        "'Bearer S3CR3T-T0KEN_X'       | false | the token is case-sensitive",
        "'Basic s3cr3t-T0ken_x'        | false | another scheme",
        "'Token s3cr3t-T0ken_x'        | false | another scheme",
        "'s3cr3t-T0ken_x'              | false | no scheme",
        "'Bearer'                      | false | no token",
        "'Bearer '                     | false | no token after trimming",
        "'Bearer  s3cr3t-T0ken_x'      | false | two spaces: the token part is empty",
        "'Bearer\ts3cr3t-T0ken_x'      | false | only a space separates scheme and token",
        "'Bearers3cr3t-T0ken_x'        | false | no separator",
      })
  void authenticatesLikeKubeApiserver(String header, boolean accepted, String why) {
    assertThat(authenticator.authenticate(header)).as(why).isEqualTo(accepted);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void aMissingOrBlankHeaderIsRefused(String header) {
    assertThat(authenticator.authenticate(header)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", " padded"})
  void theServerTokenMustBeUsableInAHeader(String token) {
    assertThatThrownBy(() -> new BearerTokenAuthenticator(token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a bearer token must be non-empty and without spaces");
  }
}
