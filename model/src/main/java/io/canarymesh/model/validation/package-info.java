/**
 * Validation that collects every error with its field path, in Kubernetes wording ({@code
 * spec.template.spec.containers[0].image: Required value}), and cross-resource analysis that
 * produces warnings like {@code istioctl analyze}.
 */
package io.canarymesh.model.validation;
