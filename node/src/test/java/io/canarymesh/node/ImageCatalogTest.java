package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCatalogTest {
  @TempDir Path dir;

  @Test
  void theArticlesImagesRunTheBundledMicroApiWithTheTagUnderAnyRegistry() {
    ImageCatalog catalog = ImageCatalog.builtIn();

    for (String image :
        List.of(
            "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT",
            "docker.io/wudimanong/micro-api:1.3-SNAPSHOT",
            "wudimanong/micro-api:1.3-SNAPSHOT")) {
      ImageEntry entry = catalog.find(image).orElseThrow();
      assertThat(entry.command()).last().isEqualTo(ImageCatalog.MICRO_API_MAIN);
      assertThat(entry.command()).contains("-Xmx64m", "-cp");
      assertThat(entry.command().get(0)).endsWith("/bin/java");
      assertThat(entry.env())
          .containsEntry("APP_VERSION", "1.3-SNAPSHOT")
          .containsEntry("PORT", "9090");
      assertThat(entry.readiness()).contains(new ImageEntry.DeclaredCheck(9090, Optional.empty()));
    }
    assertThat(catalog.find("wudimanong/other:1")).isEmpty();
    assertThat(catalog.find("evil.io/wudimanong/micro-api-x:1")).isEmpty();
  }

  @Test
  void tagsComeAfterTheLastColonOfTheLastPathSegment() {
    assertThat(ImageCatalog.tagOf("localhost:5000/app:2.1")).isEqualTo("2.1");
    assertThat(ImageCatalog.tagOf("localhost:5000/app")).isEqualTo("latest");
    assertThat(ImageCatalog.tagOf("app@sha256:abc")).isEqualTo("latest");
  }

  @Test
  void userEntriesComeFirstAndFillInTagAndImage() throws Exception {
    Path file = dir.resolve("images.yaml");
    Files.writeString(
        file,
        """
        images:
          - image: "example.com/hello:*"
            command: ["sh", "-c"]
            args: ["echo ${TAG}"]
            env: {WHO: "${IMAGE}"}
            readiness:
              httpGet: {port: 8080, path: /ready}
          - image: "wudimanong/micro-api:9.*"
            command: ["true"]
        """);

    ImageCatalog catalog = ImageCatalog.load(file);

    ImageEntry hello = catalog.find("example.com/hello:2").orElseThrow();
    assertThat(hello.command()).containsExactly("sh", "-c");
    assertThat(hello.args()).containsExactly("echo 2");
    assertThat(hello.env()).isEqualTo(Map.of("WHO", "example.com/hello:2"));
    assertThat(hello.readiness())
        .contains(new ImageEntry.DeclaredCheck(8080, Optional.of("/ready")));
    assertThat(catalog.find("other.com/hello:2")).isEmpty(); // a registry in the pattern is exact
    assertThat(catalog.find("x.io/wudimanong/micro-api:9.0").orElseThrow().command())
        .containsExactly("true");
    assertThat(catalog.find("x.io/wudimanong/micro-api:1.0").orElseThrow().command())
        .contains(ImageCatalog.MICRO_API_MAIN);
  }

  @Test
  void aMissingFileMeansBuiltInsOnlyAndABadOneNamesTheField() throws Exception {
    assertThat(ImageCatalog.load(dir.resolve("absent.yaml")).entries()).hasSize(1);
    Path file = dir.resolve("images.yaml");

    Files.writeString(file, "images:\n  - image: a:*\n");
    assertThatThrownBy(() -> ImageCatalog.load(file))
        .hasMessage(file + ": images[0].command: Required value");
    Files.writeString(file, "images:\n  - command: [x]\n");
    assertThatThrownBy(() -> ImageCatalog.load(file))
        .hasMessage(file + ": images[0].image: Required value");
    Files.writeString(
        file, "images:\n  - {image: a, command: [x], readiness: {tcpSocket: {port: 0}}}\n");
    assertThatThrownBy(() -> ImageCatalog.load(file))
        .hasMessageContaining("images[0].readiness: must be httpGet");
    Files.writeString(file, "images: {}\n");
    assertThatThrownBy(() -> ImageCatalog.load(file))
        .hasMessage(file + ": images: Required value: a list of entries");
    Files.writeString(file, "images: [\n");
    assertThatThrownBy(() -> ImageCatalog.load(file)).hasMessageContaining("not valid YAML");
  }
}
