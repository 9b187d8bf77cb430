package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a delete requires of the stored object, as in Kubernetes' {@code DeleteOptions.
 * preconditions}: each one present must equal the stored value, or the delete is a conflict.
 */
public record Preconditions(Optional<String> uid, Optional<String> resourceVersion) {

  private static final Preconditions NONE = new Preconditions(Optional.empty(), Optional.empty());

  public Preconditions {
    requireNonNull(uid, "uid");
    requireNonNull(resourceVersion, "resourceVersion");
  }

  public static Preconditions none() {
    return NONE;
  }

  public static Preconditions uid(String uid) {
    return new Preconditions(Optional.of(uid), Optional.empty());
  }

  public static Preconditions resourceVersion(String resourceVersion) {
    return new Preconditions(Optional.empty(), Optional.of(resourceVersion));
  }
}
