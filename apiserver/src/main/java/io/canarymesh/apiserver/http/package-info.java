/**
 * The API server's HTTP edge on Netty: TLS, bearer-token authentication, the body limit, routing to
 * discovery or to the REST verbs (run off the event loop, since the store blocks), and chunked
 * watch streams.
 */
package io.canarymesh.apiserver.http;
