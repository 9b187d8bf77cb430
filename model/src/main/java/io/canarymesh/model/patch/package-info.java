/**
 * The three patch formats kubectl sends, as pure functions over Jackson trees: JSON merge patch
 * (RFC 7386, {@link io.canarymesh.model.patch.JsonMergePatch}), JSON patch (RFC 6902, {@link
 * io.canarymesh.model.patch.JsonPatch}) and Kubernetes' strategic merge patch ({@link
 * io.canarymesh.model.patch.StrategicMergePatch}) guided by a {@link
 * io.canarymesh.model.patch.PatchSchema}. Inputs are never mutated; every function returns a new
 * tree or throws {@link io.canarymesh.model.patch.PatchException}.
 */
package io.canarymesh.model.patch;
