/**
 * The Kubernetes-compatible API server that the real kubectl drives: {@link
 * io.canarymesh.apiserver.ApiServer} composes the store, the REST verbs, discovery and the HTTPS
 * edge.
 */
package io.canarymesh.apiserver;
