package io.fleetcost.scan;

/**
 * A failed check on one resource: where (file, document, object, field path), what, and how to fix
 * it. For RBAC checks the resource is the subject (a ServiceAccount, User or Group) and the place
 * is the binding that grants it.
 *
 * @param related the other objects involved, e.g. {@code binding} and {@code role} as {@code
 *     Kind/namespace/name}
 */
public record Finding(
    CheckInfo check,
    String file,
    int docIndex,
    String kind,
    String namespace,
    String name,
    String path,
    String message,
    java.util.Map<String, String> related) {
  public Finding {
    related = related == null ? java.util.Map.of() : java.util.Map.copyOf(related);
  }

  public Severity severity() {
    return check.severity();
  }

  /** Severity × weight: the order of the findings (largest first). */
  public int rank() {
    return (check.severity().ordinal() + 1) * check.weight();
  }
}
