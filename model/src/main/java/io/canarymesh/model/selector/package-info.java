/**
 * Label and field selectors with the semantics of {@code k8s.io/apimachinery/pkg/labels} and {@code
 * pkg/fields}: parsing the strings kubectl sends in {@code ?labelSelector=} and {@code
 * ?fieldSelector=}, converting fabric8 {@code LabelSelector}s, matching, and validating selectors
 * in manifests. Everything here is pure and immutable.
 */
package io.canarymesh.model.selector;
