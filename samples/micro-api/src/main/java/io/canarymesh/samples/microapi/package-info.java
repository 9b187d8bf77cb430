/**
 * The article's demo service {@code micro-api}: {@code GET /test/test} answers a small JSON
 * envelope (with the {@code V3|} marker for 1.3 images), {@code GET /healthz} answers probes, and
 * two knobs ({@code ERROR_RATE}, {@code EXTRA_LATENCY_MS}) make a canary misbehave on purpose. Runs
 * on the JDK's {@link com.sun.net.httpserver.HttpServer}, with no dependencies, so a replica starts
 * in a fraction of a second.
 */
package io.canarymesh.samples.microapi;
