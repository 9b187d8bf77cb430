package io.canarymesh.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientCertificateChecksTest {
  private static final String HASH =
      "DF:6F:F7:2F:E9:11:65:21:26:8F:6F:2D:D4:96:6F:51:DF:E5:F3:0B:3B:36:B9:9B:84:2E:ED:FB:5D:B3:20:5E";

  @Test
  void hashesAreNormalizedToLowercaseHexWithoutColons() {
    assertThat(checks(List.of(), List.of(HASH)).certificateSha256())
        .containsExactly("df6ff72fe9116521268f6f2dd4966f51dfe5f30b3b36b99b842eedfb5db3205e");
  }

  @Test
  void aHashThatIsNotASha256IsRefusedWithTheValue() {
    assertThatThrownBy(() -> checks(List.of(), List.of("abc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verifyCertificateHash")
        .hasMessageContaining("\"abc\"");
    assertThatThrownBy(() -> checks(List.of(), List.of("zz".repeat(32))))
        .hasMessageContaining("64 digits");
  }

  @Test
  void anSpkiMustBeABase64Sha256() {
    assertThat(checks(List.of("2Kl+RZ3QIQp0GFq7rkjB4wWFHiiWJ1UNyz8KwbFtfp4="), List.of()).isEmpty())
        .isFalse();
    assertThatThrownBy(() -> checks(List.of("c2hvcnQ="), List.of()))
        .hasMessageContaining("verifyCertificateSpki")
        .hasMessageContaining("5 bytes");
    assertThatThrownBy(() -> checks(List.of("not base64!"), List.of()))
        .hasMessageContaining("must be base64");
  }

  @Test
  void noneIsEmptyAndACrlMakesItNot() {
    assertThat(ClientCertificateChecks.NONE.isEmpty()).isTrue();
    ClientCertificateChecks withCrl = ClientCertificateChecks.NONE.withCrl("ns/ca", "crl");
    assertThat(withCrl.isEmpty()).isFalse();
    assertThat(withCrl.crlSecret()).contains("ns/ca");
  }

  private static ClientCertificateChecks checks(List<String> spki, List<String> hashes) {
    return new ClientCertificateChecks(
        List.of(), spki, hashes, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
