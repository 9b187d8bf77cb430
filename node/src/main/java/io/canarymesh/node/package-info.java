/**
 * The local kubelet: runs the pods of one node as processes on their own loopback IPs, resolves
 * images through the {@link io.canarymesh.node.ImageCatalog}, probes, restarts with Kubernetes'
 * back-off, keeps logs, and stops pods gracefully. A client of the Kubernetes API only.
 */
package io.canarymesh.node;
