/**
 * Server-side tables ({@code meta.k8s.io/v1} {@code Table}): what {@code kubectl get} prints.
 * kubectl asks with {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io} and prints the
 * cells it is sent, so the columns and cells here follow kube-apiserver's printers ({@code
 * pkg/printers/internalversion/printers.go}) for the core and apps kinds and Istio's CRD {@code
 * additionalPrinterColumns} for the Istio kinds. {@link io.canarymesh.apiserver.table.TableBuilder}
 * is the entry point; everything else is a pure function of an object's JSON tree and the time.
 */
package io.canarymesh.apiserver.table;
