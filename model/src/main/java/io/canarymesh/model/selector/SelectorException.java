package io.canarymesh.model.selector;

/**
 * A selector that cannot be parsed or used, worded as Kubernetes words it, for example {@code
 * unable to parse requirement: found ')', expected: identifier} or {@code field label not
 * supported: spec.foo}. The API server answers it with 400 Bad Request.
 */
public final class SelectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SelectorException(String message) {
    super(message);
  }
}
