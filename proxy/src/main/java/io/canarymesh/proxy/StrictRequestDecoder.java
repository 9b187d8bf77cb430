package io.canarymesh.proxy;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, refusing a request that carries both {@code Content-Length} and {@code
 * Transfer-Encoding: chunked}: Netty would drop the Content-Length and go on, but a proxy that
 * forwards such a request lets a backend disagree about where it ends (request smuggling). Envoy
 * rejects it too; the handler answers 400.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
  StrictRequestDecoder(HttpDecoderConfig config) {
    super(config);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(
        DecoderResult.failure(
            new IllegalArgumentException(
                "both Content-Length and Transfer-Encoding: chunked are present")));
  }
}
