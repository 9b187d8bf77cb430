/**
 * The API server's credentials: a self-signed CA, a server certificate for {@code 127.0.0.1},
 * {@code ::1} and {@code localhost}, and a bearer token, generated into the state directory on
 * first start and loaded on every later start ({@link
 * io.canarymesh.apiserver.security.ServerCredentials}); the check of a request's {@code
 * Authorization} header ({@link io.canarymesh.apiserver.security.BearerTokenAuthenticator}); and
 * the kubeconfig that lets the real kubectl trust the server and present the token ({@link
 * io.canarymesh.apiserver.security.Kubeconfig}). kubectl sends credentials only over TLS, so all
 * three are needed before it will talk to us at all.
 */
package io.canarymesh.apiserver.security;
