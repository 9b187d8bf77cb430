package io.canarymesh.model.validation;

import static java.util.Objects.requireNonNull;

/**
 * An immutable path to a field, printed the way Kubernetes prints it: {@code
 * spec.template.spec.containers[0].image}, or {@code metadata.labels[app]} for a map key.
 */
public final class FieldPath {
  private static final FieldPath ROOT = new FieldPath(null, "");

  private final FieldPath parent;
  private final String segment;

  private FieldPath(FieldPath parent, String segment) {
    this.parent = parent;
    this.segment = segment;
  }

  /** The empty path, for errors about the object as a whole. */
  public static FieldPath root() {
    return ROOT;
  }

  /** A path from its field names: {@code of("spec", "replicas")} is {@code spec.replicas}. */
  public static FieldPath of(String first, String... more) {
    FieldPath path = ROOT.child(first);
    for (String name : more) {
      path = path.child(name);
    }
    return path;
  }

  public FieldPath child(String name) {
    requireNonNull(name, "name");
    return new FieldPath(this, this == ROOT ? name : "." + name);
  }

  public FieldPath index(int index) {
    return new FieldPath(this, "[" + index + "]");
  }

  public FieldPath key(String key) {
    requireNonNull(key, "key");
    return new FieldPath(this, "[" + key + "]");
  }

  public boolean isRoot() {
    return this == ROOT;
  }

  @Override
  public String toString() {
    if (parent == null) {
      return segment;
    }
    return parent + segment;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldPath path && path.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
