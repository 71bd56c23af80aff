package io.fleetcost.scan;

/**
 * One security check. It says what it evaluates ({@link Evaluation#evaluated}: the denominator of
 * the scores) and what fails ({@link Evaluation#fail}); the scanner applies exemptions, ranks and
 * scores. A new check is one class in {@code scan.rule} and its line in {@code scan.rule.Checks}.
 */
public interface Check {
  CheckInfo info();

  void evaluate(ClusterView cluster, Evaluation out);
}
