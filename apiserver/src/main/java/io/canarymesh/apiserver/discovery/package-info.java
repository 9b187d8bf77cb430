/**
 * The documents kubectl reads before it does anything else, as pure functions of the {@link
 * io.canarymesh.model.KindRegistry}: {@code /version}, legacy discovery ({@code /api}, {@code
 * /apis}, {@code /api/v1}, {@code /apis/{group}/{version}}), aggregated discovery ({@code
 * apidiscovery.k8s.io} v2 and v2beta1 {@code APIGroupDiscoveryList}) and the OpenAPI v3 stubs that
 * make {@code kubectl apply} hand validation to the server (KUBE-API.md §A.4, §B, §C).
 *
 * <p>{@link io.canarymesh.apiserver.discovery.DiscoveryDocuments} computes every document once (the
 * registry does not change at run time) and hands out immutable {@link
 * io.canarymesh.apiserver.discovery.ServedDocument}s with their Content-Type and ETag; {@link
 * io.canarymesh.apiserver.discovery.DiscoveryFormat#forAccept} picks the representation of {@code
 * /api} and {@code /apis} from the request's Accept header. Nothing here does I/O.
 */
package io.canarymesh.apiserver.discovery;
