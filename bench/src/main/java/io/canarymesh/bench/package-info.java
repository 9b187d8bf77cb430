/**
 * A benchmark of the embedded API server, driven the way our controllers drive it (fabric8 clients
 * over HTTPS): ConfigMap creates/s and updates/s from concurrent threads, and the delivery latency
 * of one writer's updates to 100 watchers. A program ({@link io.canarymesh.bench.ApiServerBench}),
 * not a test: timings never go into the build.
 */
package io.canarymesh.bench;
