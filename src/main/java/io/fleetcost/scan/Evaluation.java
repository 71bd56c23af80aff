package io.fleetcost.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one check found in one cluster: the resources it evaluated, the findings, and the failures
 * an exemption annotation waived. A resource is a workload, a namespace, an RBAC subject or any
 * object, named by {@code kind/namespace/name}; it fails the check when it has at least one
 * finding.
 *
 * <p>Exemption: an object annotated {@code fleetcost.io/exempt: "<check-id>[,<check-id>…]"} with a
 * non-empty {@code fleetcost.io/exempt-reason} passes those checks; the exemption is listed with
 * its reason. Without a reason the annotation is ignored and the finding stands (with a note).
 */
public final class Evaluation {
  public static final String EXEMPT = "fleetcost.io/exempt";
  public static final String EXEMPT_REASON = "fleetcost.io/exempt-reason";

  private final CheckInfo check;
  private final Set<String> evaluated = new LinkedHashSet<>();
  private final Map<String, List<Finding>> failed = new LinkedHashMap<>();
  private final List<Exemption> exemptions = new ArrayList<>();

  public Evaluation(CheckInfo check) {
    this.check = check;
  }

  /** A waived failure. */
  public record Exemption(
      String checkId,
      String file,
      int docIndex,
      String kind,
      String namespace,
      String name,
      String reason) {}

  public static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  public void evaluated(String kind, String namespace, String name) {
    evaluated.add(key(kind, namespace, name));
  }

  /**
   * A failure of resource {@code kind/namespace/name}, found at {@code path} of {@code at} (the
   * object whose field is at fault, which may be another than the resource: the binding of an RBAC
   * subject).
   */
  public void fail(
      Manifest at, String kind, String namespace, String name, String path, String message) {
    fail(at, kind, namespace, name, path, message, Map.of());
  }

  public void fail(
      Manifest at,
      String kind,
      String namespace,
      String name,
      String path,
      String message,
      Map<String, String> related) {
    String key = key(kind, namespace, name);
    evaluated.add(key);
    String exemptReason = exemption(at);
    if (exemptReason != null) {
      exemptions.add(
          new Exemption(check.id(), at.file(), at.docIndex(), kind, namespace, name, exemptReason));
      return;
    }
    String note =
        exemptedWithoutReason(at)
            ? " (its " + EXEMPT + " annotation is ignored: " + EXEMPT_REASON + " is missing)"
            : "";
    failed
        .computeIfAbsent(key, k -> new ArrayList<>())
        .add(
            new Finding(
                check,
                at.file(),
                at.docIndex(),
                kind,
                namespace,
                name,
                path,
                message + note,
                related));
  }

  /** A failure of the object itself. */
  public void fail(Manifest at, String path, String message) {
    fail(at, at.kind(), at.namespace(), at.name(), path, message);
  }

  public void fail(Manifest at, String path, String message, Map<String, String> related) {
    fail(at, at.kind(), at.namespace(), at.name(), path, message, related);
  }

  public void evaluated(Manifest object) {
    evaluated(object.kind(), object.namespace(), object.name());
  }

  private boolean listsThisCheck(Manifest at) {
    String value = at.annotation(EXEMPT);
    return value != null
        && Arrays.stream(value.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .anyMatch(id -> id.equals(check.id()) || id.equals("all"));
  }

  private String exemption(Manifest at) {
    String reason = at.annotation(EXEMPT_REASON);
    return listsThisCheck(at) && reason != null && !reason.isBlank() ? reason.strip() : null;
  }

  private boolean exemptedWithoutReason(Manifest at) {
    return listsThisCheck(at) && exemption(at) == null;
  }

  public CheckInfo check() {
    return check;
  }

  public int evaluatedCount() {
    return evaluated.size();
  }

  public int failedCount() {
    return failed.size();
  }

  public List<Finding> findings() {
    return failed.values().stream().flatMap(List::stream).toList();
  }

  public List<Exemption> exemptions() {
    return List.copyOf(exemptions);
  }
}
