package io.canarymesh.apiserver.security;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerCredentialsTest {
  private static final Instant FIRST_START = Instant.parse("2026-03-01T12:00:00Z");
  private static final List<String> FILES =
      List.of("pki/ca.crt", "pki/ca.key", "pki/apiserver.crt", "pki/apiserver.key", "token");

  @TempDir Path tempDir;

  private Path stateDir() {
    return tempDir.resolve("state");
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private ServerCredentials start(Instant now) {
    return ServerCredentials.loadOrCreate(stateDir(), at(now));
  }

  @Test
  void firstStartWritesEveryFileOwnerOnly() throws IOException {
    assumeTrue(tempDir.getFileSystem().supportedFileAttributeViews().contains("posix"));

    start(FIRST_START);

    assertThat(permissions(stateDir())).isEqualTo("rwx------");
    assertThat(permissions(stateDir().resolve("pki"))).isEqualTo("rwx------");
    for (String file : FILES) {
      assertThat(permissions(stateDir().resolve(file))).as(file).isEqualTo("rw-------");
    }
    try (Stream<Path> pki = Files.list(stateDir().resolve("pki"))) {
      assertThat(pki.map(p -> p.getFileName().toString()))
          .as("no temporary files left behind")
          .containsExactlyInAnyOrder("ca.crt", "ca.key", "apiserver.crt", "apiserver.key");
    }
  }

  @Test
  void anExistingPkiDirectoryIsTightenedToOwnerOnly() throws IOException {
    assumeTrue(tempDir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.createDirectories(stateDir().resolve("pki"));
    Files.setPosixFilePermissions(
        stateDir().resolve("pki"), PosixFilePermissions.fromString("rwxr-xr-x"));

    start(FIRST_START);

    assertThat(permissions(stateDir().resolve("pki"))).isEqualTo("rwx------");
  }

  @Test
  void secondStartLoadsTheSameCredentialsAndRewritesNothing() throws IOException {
    ServerCredentials first = start(FIRST_START);
    Map<String, String> files = snapshot();

    ServerCredentials second = start(FIRST_START.plus(Duration.ofDays(1)));

    assertThat(snapshot()).isEqualTo(files);
    assertThat(second.caPem()).isEqualTo(first.caPem()).isEqualTo(files.get("pki/ca.crt"));
    assertThat(second.token()).isEqualTo(first.token());
    assertThat(second.serverChain()).containsExactly(first.serverChain());
    assertThat(second.serverKey().getEncoded()).isEqualTo(first.serverKey().getEncoded());
  }

  @Test
  void tokenIs32RandomBytesAsUnpaddedUrlSafeBase64() throws IOException {
    ServerCredentials credentials = start(FIRST_START);

    assertThat(credentials.token()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(credentials.token())).hasSize(32);
    assertThat(Files.readString(stateDir().resolve("token"))).isEqualTo(credentials.token() + "\n");
    assertThat(ServerCredentials.loadOrCreate(tempDir.resolve("other"), at(FIRST_START)).token())
        .isNotEqualTo(credentials.token());
  }

  @Test
  void caIsASelfSignedTenYearP256Authority() throws Exception {
    X509Certificate ca =
        ServerCredentials.loadOrCreate(stateDir(), Clock.systemUTC()).serverChain()[1];

    ca.verify(ca.getPublicKey());
    ca.checkValidity();
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=canary-mesh-ca");
    assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(ca.getBasicConstraints()).as("CA:true").isNotNegative();
    assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(setKeyUsages(ca)).containsExactlyInAnyOrder("keyCertSign", "cRLSign");
    assertThat(validity(ca)).isEqualTo(Duration.ofDays(3650).plusHours(1));
    assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
  }

  @Test
  void serverCertificateChainsToTheCaForLoopbackAndLocalhost() throws Exception {
    ServerCredentials credentials = ServerCredentials.loadOrCreate(stateDir(), Clock.systemUTC());
    X509Certificate server = credentials.serverChain()[0];
    X509Certificate ca = credentials.serverChain()[1];

    server.verify(ca.getPublicKey());
    server.checkValidity();
    assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=canary-mesh-apiserver");
    assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(server.getSubjectAlternativeNames())
        .containsExactly(
            List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"), List.of(2, "localhost"));
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(setKeyUsages(server))
        .containsExactlyInAnyOrder("digitalSignature", "keyEncipherment");
    assertThat(server.getBasicConstraints()).as("CA:false").isEqualTo(-1);
    assertThat(validity(server)).isEqualTo(Duration.ofDays(365).plusHours(1));
    assertThat(server.getSerialNumber()).isPositive().isNotEqualTo(ca.getSerialNumber());
    assertThat(KeyPairs.matches(server.getPublicKey(), credentials.serverKey())).isTrue();
    assertPkixValid(server, ca);
  }

  /**
   * The server certificate is replaced once it has less than 30 days left: issued at FIRST_START
   * for 365 days, so from day 335 on.
   */
  @ParameterizedTest(name = "{0} after the first start: renewed={1}")
  @CsvSource({
    "P1D, false",
    "P334DT23H59M59S, false",
    "P335D, true",
    "P364D, true",
    "P400D, true",
  })
  void serverCertificateIsRenewedWithin30DaysOfExpiry(Duration later, boolean renewed)
      throws IOException {
    ServerCredentials first = start(FIRST_START);

    ServerCredentials second = start(FIRST_START.plus(later));

    assertThat(second.serverChain()[0].equals(first.serverChain()[0])).isEqualTo(!renewed);
  }

  @Test
  void renewalKeepsTheCaAndTokenAndIsNotRepeated() throws Exception {
    ServerCredentials first = start(FIRST_START);
    Map<String, String> before = snapshot();
    Instant later = FIRST_START.plus(Duration.ofDays(340));

    ServerCredentials renewed = start(later);

    Map<String, String> after = snapshot();
    for (String kept : List.of("pki/ca.crt", "pki/ca.key", "token")) {
      assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
    }
    assertThat(after.get("pki/apiserver.crt")).isNotEqualTo(before.get("pki/apiserver.crt"));
    assertThat(after.get("pki/apiserver.key")).isNotEqualTo(before.get("pki/apiserver.key"));
    assertThat(renewed.caPem()).isEqualTo(first.caPem());
    assertThat(renewed.token()).isEqualTo(first.token());
    X509Certificate server = renewed.serverChain()[0];
    server.verify(first.serverChain()[1].getPublicKey());
    server.checkValidity(Date.from(later));
    assertThat(server.getNotAfter().toInstant()).isEqualTo(later.plus(Duration.ofDays(365)));

    start(later.plus(Duration.ofDays(1)));
    assertThat(snapshot()).isEqualTo(after);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pki/ca.crt | not a certificate | no PEM block found (expected -----BEGIN CERTIFICATE-----)",
        "pki/ca.crt | -----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n"
            + " | malformed PEM: problem parsing certificate:"
            + " java.io.IOException: unexpected end-of-contents marker",
        "pki/ca.crt | BINARY | no PEM block found (expected -----BEGIN CERTIFICATE-----)",
        "pki/ca.crt | COPY pki/ca.key | expected a PEM CERTIFICATE but found PrivateKeyInfo",
        "pki/ca.key | '' | no PEM block found (expected -----BEGIN PRIVATE KEY-----)",
        "pki/ca.key | COPY pki/ca.crt"
            + " | expected a PEM PRIVATE KEY but found X509CertificateHolder",
        "pki/apiserver.crt | garbage | no PEM block found (expected -----BEGIN CERTIFICATE-----)",
        "pki/apiserver.key | garbage | no PEM block found (expected -----BEGIN PRIVATE KEY-----)",
        "token | '' | empty (expected one line holding the bearer token)",
        "token | BINARY"
            + " | not a bearer token (expected one line of printable ASCII without spaces)",
        "token | two words"
            + " | not a bearer token (expected one line of printable ASCII without spaces)",
      })
  void aCorruptFileIsReportedByNameAndNothingIsRewritten(
      String file, String content, String problem) throws IOException {
    start(FIRST_START);
    Path corrupt = stateDir().resolve(file);
    if (content.equals("BINARY")) {
      Files.write(corrupt, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80});
    } else if (content.startsWith("COPY ")) {
      Files.copy(stateDir().resolve(content.substring(5)), corrupt, REPLACE_EXISTING);
    } else {
      Files.writeString(corrupt, content.replace("\\n", "\n"));
    }
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> start(FIRST_START))
        .isInstanceOfSatisfying(
            CredentialFileException.class, e -> assertThat(e.file()).isEqualTo(corrupt))
        .hasMessage(corrupt + ": " + problem);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aMissingTokenIsNotReplacedWhenAnotherFileIsCorrupt() throws IOException {
    start(FIRST_START);
    Files.delete(stateDir().resolve("token"));
    Files.writeString(stateDir().resolve("pki/apiserver.crt"), "garbage");

    assertThatThrownBy(() -> start(FIRST_START)).isInstanceOf(CredentialFileException.class);
    assertThat(stateDir().resolve("token")).doesNotExist();
  }

  @Test
  void aMissingCaKeyIsAnErrorNotANewCa() throws IOException {
    start(FIRST_START);
    Path caKey = stateDir().resolve("pki/ca.key");
    Files.delete(caKey);
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> start(FIRST_START))
        .isInstanceOf(CredentialFileException.class)
        .hasMessage(
            caKey
                + ": missing, but "
                + stateDir().resolve("pki/ca.crt")
                + " exists; the CA cannot sign without its key");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aCaKeyThatIsNotTheCasIsAnError() throws IOException {
    start(FIRST_START);
    Path caKey = stateDir().resolve("pki/ca.key");
    Files.copy(stateDir().resolve("pki/apiserver.key"), caKey, REPLACE_EXISTING);

    assertThatThrownBy(() -> start(FIRST_START))
        .isInstanceOf(CredentialFileException.class)
        .hasMessage(caKey + ": is not the private key of " + stateDir().resolve("pki/ca.crt"));
  }

  @Test
  void withoutCaCertificateTheFirstStartIsRedone() throws IOException {
    ServerCredentials interrupted = start(FIRST_START);
    Files.delete(stateDir().resolve("pki/ca.crt"));

    ServerCredentials redone = start(FIRST_START);

    assertThat(redone.caPem()).isNotEqualTo(interrupted.caPem());
    assertThat(redone.token()).isNotEqualTo(interrupted.token());
    assertThat(Files.readString(stateDir().resolve("pki/ca.crt"))).isEqualTo(redone.caPem());
  }

  @Test
  void deletingTheTokenRotatesItAndKeepsTheCa() throws IOException {
    ServerCredentials first = start(FIRST_START);
    Files.delete(stateDir().resolve("token"));

    ServerCredentials second = start(FIRST_START);

    assertThat(second.token()).isNotEqualTo(first.token()).matches("[A-Za-z0-9_-]{43}");
    assertThat(second.caPem()).isEqualTo(first.caPem());
    assertThat(second.serverChain()).containsExactly(first.serverChain());
  }

  @ParameterizedTest
  @CsvSource({"delete pki/apiserver.crt", "delete pki/apiserver.key", "mismatch"})
  void anUnusableServerCertificateIsReissuedByTheSameCa(String damage) throws Exception {
    ServerCredentials first = start(FIRST_START);
    if (damage.equals("mismatch")) {
      // what a crash between writing the new key and the new certificate would leave
      Files.copy(
          stateDir().resolve("pki/ca.key"),
          stateDir().resolve("pki/apiserver.key"),
          REPLACE_EXISTING);
    } else {
      Files.delete(stateDir().resolve(damage.substring("delete ".length())));
    }

    ServerCredentials second = start(FIRST_START);

    assertThat(second.serverChain()[0]).isNotEqualTo(first.serverChain()[0]);
    second.serverChain()[0].verify(first.serverChain()[1].getPublicKey());
    assertThat(KeyPairs.matches(second.serverChain()[0].getPublicKey(), second.serverKey()))
        .isTrue();
    assertThat(second.caPem()).isEqualTo(first.caPem());
    assertThat(second.token()).isEqualTo(first.token());
  }

  @Test
  void toStringNamesTheCertificatesButNeverTheSecrets() {
    ServerCredentials credentials = start(FIRST_START);

    assertThat(credentials.toString())
        .isEqualTo(
            "ServerCredentials[server=CN=canary-mesh-apiserver until 2027-03-01T12:00:00Z,"
                + " ca=CN=canary-mesh-ca until 2036-02-27T12:00:00Z]")
        .doesNotContain(credentials.token());
  }

  private Map<String, String> snapshot() throws IOException {
    Map<String, String> contents = new TreeMap<>();
    for (String file : FILES) {
      Path path = stateDir().resolve(file);
      contents.put(
          file, Files.exists(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : null);
    }
    return contents;
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Duration validity(X509Certificate certificate) {
    return Duration.between(
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
  }

  private static Set<String> setKeyUsages(X509Certificate certificate) {
    String[] names = {
      "digitalSignature",
      "nonRepudiation",
      "keyEncipherment",
      "dataEncipherment",
      "keyAgreement",
      "keyCertSign",
      "cRLSign",
      "encipherOnly",
      "decipherOnly"
    };
    boolean[] bits = certificate.getKeyUsage();
    Set<String> set = new TreeSet<>();
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        set.add(names[i]);
      }
    }
    return set;
  }

  /** The JDK's own PKIX validation of server → CA, as a TLS client would do it. */
  private static void assertPkixValid(X509Certificate server, X509Certificate ca) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);
  }
}
