/** Records core/v1 Events on objects, deduplicated as Kubernetes' event correlator does. */
package io.canarymesh.controllers.events;
