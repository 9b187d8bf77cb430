package io.canarymesh.model.patch;

/**
 * A patch that cannot be applied: malformed, or not matching the object. The message names the
 * cause and the location, e.g. {@code json patch: path "/spec/foo/0" does not exist}; the API
 * server turns it into a 422 (or 400 for a malformed document).
 */
public final class PatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PatchException(String message) {
    super(message);
  }
}
