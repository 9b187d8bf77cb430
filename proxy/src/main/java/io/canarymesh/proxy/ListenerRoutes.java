package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Listener;

/** A listener of the table with its host selector. */
record ListenerRoutes(Listener listener, HostSelector hosts, String scheme) {}
