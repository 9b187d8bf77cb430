package io.canarymesh.proxy.balance;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: {@link WeightedPicker#pick()} alone for an exact 70/30 split (one thread, so the cursor's
 * atomic increment is uncontended). Run it as proxy/README.md says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WeightedPickerBenchmark {
  private WeightedPicker picker;

  @Setup
  public void setUp() {
    picker = WeightedPicker.of(70, 30);
    if (picker.cycleLength() != 10) {
      throw new IllegalStateException("70/30 should reduce to a cycle of 10");
    }
  }

  @Benchmark
  public int pick7030() {
    return picker.pick();
  }
}
