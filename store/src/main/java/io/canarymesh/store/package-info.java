/**
 * The durable object store under the API server, playing the part etcd and the apiserver's storage
 * layer play in Kubernetes: Kubernetes objects as JSON ({@code ObjectNode}s) in one SQLite file,
 * one global revision that becomes every object's {@code metadata.resourceVersion},
 * compare-and-swap writes, the server-owned metadata ({@code uid}, {@code creationTimestamp},
 * {@code generation}, {@code deletionTimestamp}), finalizers, all-or-nothing transactions, and a
 * change log from which watches resume at any retained revision.
 *
 * <p>Entry point: {@link io.canarymesh.store.ObjectStore#open}. The store knows nothing of kinds or
 * schemas: callers validate and default before writing.
 */
package io.canarymesh.store;
