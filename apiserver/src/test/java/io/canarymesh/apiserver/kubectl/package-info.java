/**
 * System tests that drive the real {@code /usr/bin/kubectl} against the API server, as a user
 * following the article would: each test gets a fresh {@link io.canarymesh.apiserver.ControlPlane}
 * and kubectl cache, and asserts the exit code, the exact text kubectl prints, and what the store
 * holds afterwards.
 */
package io.canarymesh.apiserver.kubectl;
