/**
 * The strict codec: multi-document YAML or JSON in, typed fabric8 objects out, and back to JSON as
 * the Kubernetes API shapes it. Unknown and duplicate fields are errors that name the field path
 * and, when decoding text, the line and column; malformed YAML is an error that names the line.
 */
package io.canarymesh.model.codec;
