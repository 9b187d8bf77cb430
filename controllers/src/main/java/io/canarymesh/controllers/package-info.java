/**
 * The workload controllers of Canary Mesh as clients of the Kubernetes API: {@link
 * io.canarymesh.controllers.ControllerManager} starts shared informers and one work queue per
 * controller (Deployment, ReplicaSet, Endpoints, garbage collector).
 */
package io.canarymesh.controllers;
