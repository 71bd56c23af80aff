package io.fleetcost.scan.rule;

import io.fleetcost.model.Money;
import io.fleetcost.scan.BillingGovernance;
import io.fleetcost.scan.Check;
import io.fleetcost.scan.CheckInfo;
import io.fleetcost.scan.ClusterView;
import io.fleetcost.scan.Evaluation;
import io.fleetcost.scan.Manifest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cloud-side governance from the bill: the share of the window's usage spend (per currency) whose
 * rows carry none of the job's owner tags. Above the threshold (default 10 %) nobody answers for
 * that money. Evaluated only in a run with billing; {@code fleetcost scan} has no bill and does not
 * apply it.
 */
final class UntaggedSpend implements Check {
  static final String BILL = "billing/normalized";
  private static final CheckInfo INFO =
      new CheckInfo(
          "untagged-spend",
          "Spend without an owner tag",
          "governance",
          4,
          List.of("Bill"),
          List.of(),
          List.of(),
          "Tag every resource with its owner (team); enforce it with an AWS tag policy, GCP organization policy or Azure"
              + " Policy, and tag the largest untagged resources first.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void evaluate(ClusterView cluster, Evaluation out) {
    if (cluster.billing().isEmpty()) {
      return;
    }
    BillingGovernance billing = cluster.billing().get();
    for (BillingGovernance.CurrencyShare share : billing.shares()) {
      out.evaluated("Bill", null, share.currency());
      if (share.total().signum() > 0 && share.share().compareTo(billing.threshold()) > 0) {
        Manifest bill =
            new Manifest(
                BILL,
                0,
                "",
                null,
                "Bill",
                null,
                share.currency(),
                com.fasterxml.jackson.databind.node.NullNode.getInstance());
        String largest =
            billing.largestUntagged().stream()
                .filter(r -> r.currency().equals(share.currency()))
                .limit(3)
                .map(r -> r.resourceId() + " (" + Money.cents(r.cost()).toPlainString() + ")")
                .collect(Collectors.joining(", "));
        out.fail(
            bill,
            "Bill",
            null,
            share.currency(),
            "Tags",
            String.format(
                Locale.ROOT,
                "%.1f %% of the window's %s usage spend (%s of %s) carries no %s tag%s",
                share.share().multiply(BigDecimal.valueOf(100)).doubleValue(),
                share.currency(),
                Money.cents(share.untagged()).toPlainString(),
                Money.cents(share.total()).toPlainString(),
                String.join(" or ", billing.ownerTags()),
                largest.isEmpty() ? "" : "; largest untagged: " + largest));
      }
    }
  }
}
