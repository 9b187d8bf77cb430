/**
 * The machinery every reconciler runs on: a rate-limited work queue keyed by {@code namespace/name}
 * (client-go's {@code workqueue}), and a {@link io.canarymesh.controllers.runtime.ControllerLoop}
 * whose workers take keys from it and call a {@link io.canarymesh.controllers.runtime.Reconciler}.
 */
package io.canarymesh.controllers.runtime;
