package io.canarymesh.cli.demo;

import java.net.InetSocketAddress;

/**
 * Which version answered each of {@code n} requests, told apart by the article's marker: the 1.3
 * images answer with {@code V3|}, older ones without it.
 *
 * @param requests how many were sent
 * @param v3 answered by a 1.3 image
 * @param older answered by an older image
 * @param failed not answered with 200 (the first failure is in {@code firstFailure})
 */
public record TrafficMix(int requests, int v3, int older, int failed, String firstFailure) {

  /** Sends {@code n} sequential requests, one connection each, like the article's curl loop. */
  public static TrafficMix measure(InetSocketAddress address, String host, String path, int n) {
    int v3 = 0;
    int older = 0;
    int failed = 0;
    String firstFailure = "";
    for (int i = 0; i < n; i++) {
      HttpProbe.Response response = HttpProbe.get(address, host, path);
      if (!response.ok()) {
        if (failed++ == 0) {
          firstFailure = response.status() + " " + response.body().strip();
        }
      } else if (response.body().contains("V3|")) {
        v3++;
      } else {
        older++;
      }
    }
    return new TrafficMix(n, v3, older, failed, firstFailure);
  }

  /** The share of requests the 1.3 image answered, in percent. */
  public double v3Percent() {
    return requests == 0 ? 0 : 100.0 * v3 / requests;
  }

  @Override
  public String toString() {
    String text =
        String.format(
            "%d requests: %d V3 (%.1f%%), %d older, %d failed",
            requests, v3, v3Percent(), older, failed);
    return failed == 0 ? text : text + " — first failure: " + firstFailure;
  }
}
