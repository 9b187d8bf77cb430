/**
 * Defaulting of freshly decoded objects, as kube-apiserver's {@code SetDefaults_*} functions do
 * ({@code pkg/apis/apps/v1/defaults.go}, {@code pkg/apis/core/v1/defaults.go}) plus the few values
 * the Service registry fills in. Defaulting mutates the object in place, only sets fields that are
 * unset, and is idempotent.
 */
package io.canarymesh.model.defaults;
