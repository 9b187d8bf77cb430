package io.canarymesh.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCredentialsTest {
  @TempDir Path state;

  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void firstStartCreatesOwnerOnlyFilesThatLaterStartsLoad() throws Exception {
    ServerCredentials first = ServerCredentials.loadOrCreate(state, NOW);
    byte[] ca = Files.readAllBytes(state.resolve("pki/ca.crt"));

    ServerCredentials second = ServerCredentials.loadOrCreate(state, NOW);

    assertThat(Files.readAllBytes(state.resolve("pki/ca.crt"))).isEqualTo(ca);
    assertThat(second.token()).isEqualTo(first.token()).hasSize(43);
    assertThat(second.serverChain()[0]).isEqualTo(first.serverChain()[0]);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("pki"))))
        .isEqualTo("rwx------");
    for (String file :
        List.of("pki/ca.key", "pki/ca.crt", "pki/apiserver.key", "pki/apiserver.crt", "token")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(file))))
          .as(file)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void theServingCertificateChainsToTheCaForLoopback() throws Exception {
    ServerCredentials credentials = ServerCredentials.loadOrCreate(state, Clock.systemUTC());
    X509Certificate server = credentials.serverChain()[0];

    server.verify(credentials.caCertificate().getPublicKey());
    server.checkValidity();
    assertThat(server.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
        .contains("127.0.0.1", "localhost");
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(credentials.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void anExpiringServingCertificateIsRenewedKeepingTheCaAndToken() throws Exception {
    ServerCredentials first = ServerCredentials.loadOrCreate(state, NOW);
    Clock later = Clock.offset(NOW, Duration.ofDays(340));

    ServerCredentials renewed = ServerCredentials.loadOrCreate(state, later);

    assertThat(renewed.serverChain()[0]).isNotEqualTo(first.serverChain()[0]);
    assertThat(renewed.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(renewed.token()).isEqualTo(first.token());
  }

  @Test
  void aCorruptCaIsReportedByNameAndLeftAlone() throws Exception {
    ServerCredentials.loadOrCreate(state, NOW);
    Path ca = state.resolve("pki/ca.crt");
    Files.writeString(ca, "garbage");

    assertThatThrownBy(() -> ServerCredentials.loadOrCreate(state, NOW))
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining(ca.toString());
    assertThat(Files.readString(ca)).isEqualTo("garbage");
  }
}
