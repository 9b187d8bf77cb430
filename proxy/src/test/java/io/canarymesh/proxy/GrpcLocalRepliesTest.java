package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.RetryPolicy;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Envoy's HTTP → gRPC status mapping for local replies, and the gRPC retry conditions. */
class GrpcLocalRepliesTest {
  @ParameterizedTest
  @CsvSource({
    "400, 13", "401, 16", "403, 7", "404, 12", "429, 14", "502, 14", "503, 14", "504, 14", "500, 2",
    "413, 2"
  })
  void mapsHttpStatusesAsEnvoyDoes(int http, int grpc) {
    assertThat(GrpcLocalReplies.grpcStatus(http)).isEqualTo(grpc);
  }

  @ParameterizedTest
  @CsvSource({
    "application/grpc, true",
    "application/grpc+proto, true",
    "Application/GRPC, true",
    "application/grpc-web, true",
    "application/json, false",
    "text/plain, false"
  })
  void recognisesGrpcRequestsByContentType(String type, boolean grpc) {
    HttpHeaders headers = new DefaultHttpHeaders().set("content-type", type);
    assertThat(GrpcLocalReplies.isGrpc(headers)).isEqualTo(grpc);
  }

  @org.junit.jupiter.api.Test
  void aLocalReplyIsATrailersOnly200WithThePercentEncodedMessage() {
    FullHttpResponse reply = GrpcLocalReplies.reply(HttpVersion.HTTP_1_1, 503, "no héalthy 100%");
    assertThat(reply.status().code()).isEqualTo(200);
    assertThat(reply.content().readableBytes()).isZero();
    assertThat(reply.headers().get("content-type")).isEqualTo("application/grpc");
    assertThat(reply.headers().get("grpc-status")).isEqualTo("14");
    assertThat(reply.headers().get("grpc-message")).isEqualTo("no h%C3%A9althy 100%25");
    assertThat(GrpcLocalReplies.reply(HttpVersion.HTTP_1_1, 404, "").headers().get("grpc-message"))
        .isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "1, cancelled, true",
    "4, deadline-exceeded, true",
    "8, resource-exhausted, true",
    "13, internal, true",
    "14, unavailable, true",
    "14, cancelled, false",
    "0, unavailable, false",
    "5, unavailable, false"
  })
  void retriesOnTheGrpcStatusItsConditionNames(String status, String retryOn, boolean retried) {
    RetryPolicy policy =
        new RetryPolicy(2, Optional.empty(), List.of(retryOn), List.of(), Duration.ofMillis(25));
    HttpHeaders headers = new DefaultHttpHeaders().set("grpc-status", status);
    assertThat(Retries.onGrpcStatus(policy, headers)).isEqualTo(retried);
    RetryPolicy none =
        new RetryPolicy(0, Optional.empty(), List.of(retryOn), List.of(), Duration.ofMillis(25));
    assertThat(Retries.onGrpcStatus(none, headers)).isFalse();
  }
}
