/** The Endpoints controller: a Service's selected pods as ready and not-ready addresses. */
package io.canarymesh.controllers.endpoints;
