/**
 * The REST layer, free of Netty: resource paths, the verbs with the admission chain (decode →
 * default → validate → persist), patches, deletion with propagation, subresources, watch streams,
 * and Kubernetes {@code Status} errors.
 */
package io.canarymesh.apiserver.rest;
