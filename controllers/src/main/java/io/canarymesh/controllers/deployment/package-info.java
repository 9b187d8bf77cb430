/**
 * The deployment controller's decisions as pure functions, matching Kubernetes' {@code
 * pkg/controller/deployment}: how far a rolling update may scale the new and old ReplicaSets
 * ({@link io.canarymesh.controllers.deployment.RollingUpdate}), proportional scaling when replicas
 * change mid-rollout ({@link io.canarymesh.controllers.deployment.ProportionalScaling}), the pod
 * template hash that names ReplicaSets ({@link
 * io.canarymesh.controllers.deployment.PodTemplateHash}), revisions, status and conditions, pod
 * availability and the order in which a ReplicaSet deletes pods. Nothing here does I/O or reads a
 * clock: time is passed in, results are returned.
 */
package io.canarymesh.controllers.deployment;
