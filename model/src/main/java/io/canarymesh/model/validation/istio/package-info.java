/**
 * Validation of the Istio networking resources (Gateway, VirtualService, DestinationRule,
 * ServiceEntry, WorkloadEntry) as Istio's own admission webhook validates them ({@code istio/istio
 * pkg/config/validation}), reported as Kubernetes-style {@link
 * io.canarymesh.model.validation.FieldError}s with their field paths and Istio's wording. Also the
 * Go/protobuf duration syntax ({@link io.canarymesh.model.validation.istio.IstioDuration}) that
 * Istio's duration fields use.
 */
package io.canarymesh.model.validation.istio;
