package io.fleetcost.scan.rule;

/**
 * What a check found wrong in one place.
 *
 * @param field the offending field, relative to the container or pod spec being checked (may be
 *     empty)
 */
record Violation(String field, String message) {
  static Violation at(String field, String message) {
    return new Violation(field, message);
  }
}
