/** The compiled route table the proxy reads: immutable records built by the mesh compiler. */
package io.canarymesh.mesh.model;
