/** System tests: the real kubectl against the control plane with the controllers running. */
package io.canarymesh.controllers.kubectl;
