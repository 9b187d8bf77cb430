/**
 * The ReplicaSet controller: keeps each ReplicaSet's pods at {@code spec.replicas} and reports
 * their counts in its status.
 */
package io.canarymesh.controllers.replicaset;
