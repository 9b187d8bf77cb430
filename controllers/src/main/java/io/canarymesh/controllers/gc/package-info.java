/** The garbage collector: deletes objects whose owners are gone. */
package io.canarymesh.controllers.gc;
