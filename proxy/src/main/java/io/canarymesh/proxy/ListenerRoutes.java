package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Listener;

/**
 * A listener of the table with its host selector.
 *
 * @param clients where a caller's workload is looked up: the table's on mesh listeners; none on
 *     gateway listeners, whose source conditions the compiler decided against the gateway itself
 */
record ListenerRoutes(
    Listener listener, HostSelector hosts, String scheme, ClientWorkloads clients) {}
