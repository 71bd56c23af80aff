package io.fleetcost.pipeline;

import io.fleetcost.history.BillingIncrement;
import io.fleetcost.pipeline.IncrementalBillingIngest.NotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The files of the ledger that an incremental ingest no longer finds ({@link
 * BillingIncrement#notFound}), what became of their rows, and the warnings about them.
 */
final class LedgerFilesNotFound {
  private LedgerFilesNotFound() {}

  /**
   * The files earlier runs read that are no longer found, of the job's inputs; the warnings they
   * and the kept rows of inputs the job no longer has give are added to {@code warnings}.
   *
   * @param ledgerNotFound the ledger's files not found any more, of every input
   * @param replaced the (input, billing period)s whose rows this run replaced
   * @param names the job's billing inputs
   */
  static List<NotFound> of(
      List<BillingIncrement.Ingested> ledgerNotFound,
      SortedSet<BillingIncrement.Period> replaced,
      List<String> names,
      List<String> warnings) {
    List<NotFound> notFound = new ArrayList<>();
    Set<String> otherInputs = new TreeSet<>();
    for (BillingIncrement.Ingested entry : ledgerNotFound) {
      if (!names.contains(entry.input())) {
        otherInputs.add(entry.input());
        continue;
      }
      NotFound file = notFound(entry, replaced);
      notFound.add(file);
      warning(entry, file).ifPresent(warnings::add);
    }
    otherInputs.forEach(
        input ->
            warnings.add(
                "The kept billing table holds rows of billing input '"
                    + input
                    + "', which the job does not have: they are"
                    + " left out of this run"));
    return notFound;
  }

  /** The file, with its billing periods split into those kept and those replaced. */
  private static NotFound notFound(
      BillingIncrement.Ingested entry, SortedSet<BillingIncrement.Period> replacedPeriods) {
    List<String> kept = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    entry
        .periods()
        .forEach(
            m ->
                (replacedPeriods.contains(new BillingIncrement.Period(entry.input(), m))
                        ? replaced
                        : kept)
                    .add(m.toString()));
    return new NotFound(entry.input(), entry.path(), kept, replaced);
  }

  /** The warning about a file no longer found: none when it had no billing period. */
  private static Optional<String> warning(BillingIncrement.Ingested entry, NotFound file) {
    List<String> kept = file.keptPeriods();
    List<String> replaced = file.replacedPeriods();
    if (!kept.isEmpty()) {
      return Optional.of(
          "Billing file "
              + entry.path()
              + " of input '"
              + entry.input()
              + "' is no longer found (ingested by run "
              + entry.runId()
              + "): its rows of "
              + String.join(", ", kept)
              + " stay in the kept billing table"
              + (replaced.isEmpty()
                  ? ""
                  : "; those of "
                      + String.join(", ", replaced)
                      + " were replaced by the files found now"));
    } else if (!replaced.isEmpty()) {
      return Optional.of(
          "Billing file "
              + entry.path()
              + " of input '"
              + entry.input()
              + "' is no longer found: its rows of "
              + String.join(", ", replaced)
              + " were replaced by the files found now");
    }
    return Optional.empty();
  }
}
