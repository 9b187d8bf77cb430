package io.canarymesh.apiserver.http;

import io.canarymesh.apiserver.rest.ApiException;
import io.canarymesh.apiserver.rest.ApiResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates request bodies up to the limit (3 MiB by default, like kube-apiserver); a larger body
 * gets 413 with a Status body. The connection stays open while the aggregator discards the rest of
 * the body: closing with unread bytes would make the kernel reset it, and the client could lose the
 * 413 before reading it.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
  private final int limit;

  BodyLimitAggregator(int limit) {
    super(limit);
    this.limit = limit;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ApiHttpHandler.respond(ctx, ApiResponse.error(ApiException.tooLarge(limit)), true);
  }
}
