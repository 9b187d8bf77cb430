/**
 * The resource model: which kinds exist ({@link io.canarymesh.model.KindRegistry}), how manifests
 * become typed fabric8 objects and back ({@code codec}), how they are defaulted, validated and
 * analysed, selected ({@code selector}) and patched ({@code patch}). No I/O beyond parsing bytes.
 */
package io.canarymesh.model;
