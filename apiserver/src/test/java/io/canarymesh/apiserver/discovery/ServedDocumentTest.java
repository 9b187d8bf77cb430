package io.canarymesh.apiserver.discovery;

import static io.canarymesh.apiserver.discovery.Documents.STANDARD;
import static io.canarymesh.apiserver.discovery.Documents.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.KindRegistry;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class ServedDocumentTest {

  @Test
  void hashIsUpperCaseSha512OfTheBodyAndTheEtagQuotesIt() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("a", 1);

    ServedDocument document = ServedDocument.of(node, "application/json");

    assertThat(text(document)).isEqualTo("{\"a\":1}");
    assertThat(document.length()).isEqualTo(7);
    // python3 -c 'import hashlib;print(hashlib.sha512(b"{\"a\":1}").hexdigest().upper())'
    assertThat(document.hash())
        .isEqualTo(
            "EFB7A8298F905AE743DBE2152E162415F62A16D2D5AC5C78816DCD57114E7A57"
                + "4729B813988F1D0984CF6F38C4FCC9A37EA9FEC3DA351983536F72785D7AB707");
    assertThat(document.etag()).isEqualTo("\"" + document.hash() + "\"");
  }

  @Test
  void theDocumentCannotBeChangedThroughWhatItHandsOut() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("a", 1);
    ServedDocument document = ServedDocument.of(node, "application/json");

    node.put("a", 2);
    document.json().put("a", 3);

    assertThat(text(document)).isEqualTo("{\"a\":1}");
    assertThat(document.json().path("a").asInt()).isEqualTo(1);
    assertThatThrownBy(() -> document.body().put((byte) 0))
        .isInstanceOf(ReadOnlyBufferException.class);
  }

  @Test
  void documentsAreStableAcrossBuilds() {
    DiscoveryDocuments again = DiscoveryDocuments.of(KindRegistry.standard(), "127.0.0.1:6443");

    assertThat(again.openApiV3Index().hash()).isEqualTo(STANDARD.openApiV3Index().hash());
    assertThat(again.apis(DiscoveryFormat.AGGREGATED_V2).etag())
        .isEqualTo(STANDARD.apis(DiscoveryFormat.AGGREGATED_V2).etag());
  }

  @Test
  void serverAddressMustNotBeBlank() {
    assertThatThrownBy(() -> DiscoveryDocuments.of(KindRegistry.standard(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("serverAddress must be host:port, got a blank string");
  }
}
