package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One precomputed response body: its bytes (compact JSON), the Content-Type to send with it and a
 * content hash. Immutable; {@link #body()} hands out a read-only view, so one instance serves every
 * request (Netty: {@code Unpooled.wrappedBuffer(document.body())}).
 */
public final class ServedDocument {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode json;
  private final byte[] bytes;
  private final String contentType;
  private final String hash;

  private ServedDocument(ObjectNode json, byte[] bytes, String contentType) {
    this.json = json;
    this.bytes = bytes;
    this.contentType = contentType;
    this.hash = sha512Hex(bytes);
  }

  static ServedDocument of(ObjectNode json, String contentType) {
    ObjectNode copy = json.deepCopy();
    try {
      return new ServedDocument(copy, MAPPER.writeValueAsBytes(copy), contentType);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** The exact Content-Type header value to answer with. */
  public String contentType() {
    return contentType;
  }

  /** The body, read-only, positioned at its start. */
  public ByteBuffer body() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  public int length() {
    return bytes.length;
  }

  /** A copy of the document as a JSON tree. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  /**
   * Upper-case hex SHA-512 of the body, the way kube-apiserver fingerprints OpenAPI documents; the
   * {@code hash} query parameter of {@code /openapi/v3} URLs.
   */
  public String hash() {
    return hash;
  }

  /** {@link #hash()} quoted, for the {@code ETag} header and {@code If-None-Match} comparisons. */
  public String etag() {
    return "\"" + hash + "\"";
  }

  private static String sha512Hex(byte[] bytes) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-512", e);
    }
  }
}
