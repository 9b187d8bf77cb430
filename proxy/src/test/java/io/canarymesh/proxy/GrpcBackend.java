package io.canarymesh.proxy;

import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real grpc-java server on loopback (cleartext HTTP/2) with a hand-written service {@code
 * test.Echo} of String messages, so no protoc is needed: {@code Say} answers {@code name:input},
 * {@code Count} streams {@code name:1..n}, {@code Fail} fails NOT_FOUND with a message, {@code
 * Gather} answers once {@link #gather} calls are in (bounded wait; answered or failed calls counted
 * in {@link #gatherAnswered}), {@code Hold} streams one message and then never ends, {@code Flaky}
 * fails UNAVAILABLE on its first call only. Counts the HTTP/2 connections it accepted.
 */
final class GrpcBackend implements AutoCloseable {
  static final MethodDescriptor.Marshaller<String> STRING =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  static final MethodDescriptor<String, String> SAY =
      method("Say", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> COUNT =
      method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);
  static final MethodDescriptor<String, String> FAIL =
      method("Fail", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> GATHER =
      method("Gather", MethodDescriptor.MethodType.UNARY);
  static final MethodDescriptor<String, String> HOLD =
      method("Hold", MethodDescriptor.MethodType.SERVER_STREAMING);
  static final MethodDescriptor<String, String> FLAKY =
      method("Flaky", MethodDescriptor.MethodType.UNARY);

  final String name;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger gatherAnswered = new AtomicInteger();
  volatile CountDownLatch gather = new CountDownLatch(0);
  private final AtomicInteger flaky = new AtomicInteger();
  private final Server server;

  GrpcBackend(String name) throws IOException {
    this.name = name;
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("test.Echo")
            .addMethod(SAY, ServerCalls.asyncUnaryCall(this::say))
            .addMethod(COUNT, ServerCalls.asyncServerStreamingCall(this::count))
            .addMethod(FAIL, ServerCalls.asyncUnaryCall(this::fail))
            .addMethod(GATHER, ServerCalls.asyncUnaryCall(this::gather))
            .addMethod(HOLD, ServerCalls.asyncServerStreamingCall(this::hold))
            .addMethod(FLAKY, ServerCalls.asyncUnaryCall(this::flaky))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .addTransportFilter(
                new ServerTransportFilter() {
                  @Override
                  public io.grpc.Attributes transportReady(io.grpc.Attributes attributes) {
                    connections.incrementAndGet();
                    return attributes;
                  }
                })
            .build()
            .start();
  }

  static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", name))
        .setRequestMarshaller(STRING)
        .setResponseMarshaller(STRING)
        .build();
  }

  /** A cleartext (prior knowledge) channel to {@code address}. */
  static ManagedChannel channel(InetSocketAddress address) {
    return NettyChannelBuilder.forAddress(address).usePlaintext().build();
  }

  int port() {
    return server.getPort();
  }

  private void say(String request, StreamObserver<String> response) {
    calls.incrementAndGet();
    response.onNext(name + ":" + request);
    response.onCompleted();
  }

  private void count(String request, StreamObserver<String> response) {
    calls.incrementAndGet();
    for (int i = 1; i <= Integer.parseInt(request); i++) {
      response.onNext(name + ":" + i);
    }
    response.onCompleted();
  }

  private void fail(String request, StreamObserver<String> response) {
    calls.incrementAndGet();
    response.onError(
        Status.NOT_FOUND.withDescription("no such thing: " + request).asRuntimeException());
  }

  private void gather(String request, StreamObserver<String> response) {
    calls.incrementAndGet();
    CountDownLatch all = gather;
    all.countDown();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                boolean in = all.await(10, TimeUnit.SECONDS);
                response.onNext(name + ":" + request + (in ? "" : ":alone"));
                response.onCompleted();
              } catch (InterruptedException e) {
                response.onError(e);
              } finally {
                gatherAnswered.incrementAndGet(); // also when the answer threw (call cancelled)
              }
            });
  }

  private void hold(String request, StreamObserver<String> response) {
    calls.incrementAndGet();
    response.onNext(name + ":first");
  }

  private void flaky(String request, StreamObserver<String> response) {
    calls.incrementAndGet();
    if (flaky.getAndIncrement() == 0) {
      response.onError(Status.UNAVAILABLE.withDescription("warming up").asRuntimeException());
    } else {
      response.onNext(name + ":" + request);
      response.onCompleted();
    }
  }

  /** Drops every connection at once, as a crashing server would. */
  void kill() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
