/** Test fixtures shared across modules: hermetic time and, as they grow, loopback helpers. */
package io.canarymesh.testing;
