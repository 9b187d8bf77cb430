/** Pure translation of Istio and Kubernetes resources into a route table, with diagnostics. */
package io.canarymesh.mesh.compiler;
