/**
 * The proxy's hot-path choices: which weighted destination a request goes to ({@link
 * io.canarymesh.proxy.balance.WeightedPicker}, {@link
 * io.canarymesh.proxy.balance.StickyWeightedPicker}) and which endpoint of that destination serves
 * it ({@link io.canarymesh.proxy.balance.EndpointPicker}, with {@link
 * io.canarymesh.proxy.balance.SlowStartPicker} while an endpoint warms up, or a {@link
 * io.canarymesh.proxy.balance.ConsistentHashTable} — ring hash or Maglev — for consistentHash).
 * Everything is built once per route-table snapshot; {@code pick()} neither allocates nor locks.
 */
package io.canarymesh.proxy.balance;
