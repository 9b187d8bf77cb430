/**
 * Cross-resource analysis in the manner of {@code istioctl analyze}: given a set of resources
 * (Services, Deployments, Pods and the Istio networking kinds), find references that lead nowhere —
 * a VirtualService naming a missing Gateway, a route to an undefined subset, a DestinationRule
 * subset that selects no pods, a Service targetPort no container declares — and report each as a
 * {@link io.canarymesh.model.analysis.Finding} with Istio's message code where Istio has one.
 */
package io.canarymesh.model.analysis;
