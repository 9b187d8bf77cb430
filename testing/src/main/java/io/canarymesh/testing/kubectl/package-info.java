/** The real kubectl, run from tests as a user would: one kubeconfig, one cache, output to files. */
package io.canarymesh.testing.kubectl;
