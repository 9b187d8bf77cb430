/**
 * The {@code canary} command (picocli) and the composition root that builds and starts the
 * platform's components in order.
 */
package io.canarymesh.cli;
