package io.canarymesh.proxy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
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
 * JMH: the per-request selection ({@link RouteSelectionTest#select}: listener by name, virtual host
 * by Host, first matching route, weighted pick) on {@link RouteSelectionTest#largeTable()}, 1,000
 * virtual hosts × 10 routes. The {@link RequestView} is built once; building it per request is not
 * measured. Run it as proxy/README.md says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteSelectionBenchmark {
  private RouteSnapshot snapshot;
  private RequestView lastRouteOfLastHost;
  private RequestView firstRouteOfFirstHost;

  @Setup
  public void setUp() {
    snapshot = RouteSelectionTest.snapshot(RouteSelectionTest.largeTable());
    lastRouteOfLastHost = request("host-999.example.com:80", "/svc9/items?x=1");
    firstRouteOfFirstHost = request("host-0.example.com:80", "/svc0/items?x=1");
    expectRoute(lastRouteOfLastHost, "host 999 route 9");
    expectRoute(firstRouteOfFirstHost, "host 0 route 0");
  }

  /** Matches the 10th of 10 routes: nine route matches fail first. */
  @Benchmark
  public int lateMatch() {
    return RouteSelectionTest.select(snapshot, lastRouteOfLastHost);
  }

  /** Matches the first route. */
  @Benchmark
  public int earlyMatch() {
    return RouteSelectionTest.select(snapshot, firstRouteOfFirstHost);
  }

  private static RequestView request(String host, String target) {
    return new RequestView(
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target), host, "http", 80);
  }

  /** Fails the run rather than measure a selection that ends elsewhere (e.g. 404). */
  private void expectRoute(RequestView view, String origin) {
    RouteEntry route = snapshot.listener("0.0.0.0_80").hosts().select(view.host).select(view);
    String selected = route == null ? "no route" : route.route().origin();
    if (!selected.equals(origin)) {
      throw new IllegalStateException("expected " + origin + ", selected " + selected);
    }
  }
}
