/**
 * The API server's credentials: a CA and serving certificate generated into the state directory on
 * first start, the bearer token, its check, and the kubeconfig kubectl reads (KUBE-API.md §A).
 */
package io.canarymesh.apiserver.security;
