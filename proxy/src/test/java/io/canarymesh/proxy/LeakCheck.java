package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (paranoid in tests) reports a buffer that was never
 * released: leak reports are collected instead of only logged, and checked after a GC.
 */
final class LeakCheck implements AfterAllCallback {
  static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new ResourceLeakDetectorFactory() {
          @Override
          @SuppressWarnings("deprecation")
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
              @Override
              protected void reportTracedLeak(String type, String records) {
                LEAKS.add(type + records);
              }

              @Override
              protected void reportUntracedLeak(String type) {
                LEAKS.add(type);
              }
            };
          }
        });
  }

  /** Loads this class (installing the collecting factory) before any buffer is allocated. */
  static void install() {}

  @Override
  public void afterAll(ExtensionContext context) {
    for (int round = 0; round < 3; round++) {
      System.gc();
      // leaks are reported when a later allocation polls the detector's queue
      for (int i = 0; i < 200; i++) {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
        pooled.release();
        ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(16);
        unpooled.release();
      }
    }
    assertThat(LEAKS).as("Netty buffer leaks").isEmpty();
  }
}
