package io.fleetcost.billing.aws;

import static io.fleetcost.billing.MappedRow.field;
import static io.fleetcost.billing.aws.AwsLineItemTypes.DISCOUNTED_USAGE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.RI_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_COVERED_USAGE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_NEGATION;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_RECURRING_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_UPFRONT_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.USAGE;

import io.fleetcost.billing.DecodedRecord;
import io.fleetcost.billing.MappedRow;
import io.fleetcost.billing.SparkCasts;
import io.fleetcost.billing.aws.CurCsvColumns.Source;
import io.fleetcost.model.CostColumns;
import io.fleetcost.model.PricingSubcategory;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.types.Decimal;

/**
 * {@link CurCsvMapping}'s cost and pricing columns of a CUR CSV record, rule for rule and check for
 * check as {@link CurCostExpressions}: BilledCost, EffectiveCost by line item type, the list and
 * unit prices, the pricing category and subcategory, and the commitment discount.
 */
final class CurCsvCosts implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final int BILLED_COST = field(CostColumns.BILLED_COST);
  private static final int EFFECTIVE_COST = field(CostColumns.EFFECTIVE_COST);
  private static final int LIST_COST = field(CostColumns.LIST_COST);
  private static final int CONTRACTED_COST = field(CostColumns.CONTRACTED_COST);
  private static final int LIST_UNIT_PRICE = field(CostColumns.LIST_UNIT_PRICE);
  private static final int CONTRACTED_UNIT_PRICE = field(CostColumns.CONTRACTED_UNIT_PRICE);
  private static final int PRICING_CATEGORY = field(CostColumns.PRICING_CATEGORY);
  private static final int PRICING_SUBCATEGORY = field(CostColumns.PRICING_SUBCATEGORY);
  private static final int COMMITMENT_DISCOUNT_ID = field(CostColumns.COMMITMENT_DISCOUNT_ID);
  private static final int COMMITMENT_DISCOUNT_CATEGORY =
      field(CostColumns.COMMITMENT_DISCOUNT_CATEGORY);
  private static final int COMMITMENT_DISCOUNT_TYPE = field(CostColumns.COMMITMENT_DISCOUNT_TYPE);
  private static final int COMMITMENT_DISCOUNT_STATUS =
      field(CostColumns.COMMITMENT_DISCOUNT_STATUS);

  /**
   * Spark types {@code a - b} and {@code a + b} of two DECIMAL(38,18) as DECIMAL(38,17), rounding
   * half up.
   */
  private static final int SUM_SCALE = 17;

  private final CurCsvColumns columns;

  CurCsvCosts(CurCsvColumns columns) {
    this.columns = columns;
  }

  /**
   * The amounts of a Savings Plan or a reservation that EffectiveCost is computed from, each null
   * when absent.
   */
  record CommitmentAmounts(
      Decimal spEffective,
      Decimal spTotal,
      Decimal spUsed,
      Decimal riEffective,
      Decimal riUnusedFee,
      Decimal riUnusedRecurring) {}

  void money(MappedRow row, DecodedRecord record, String type) {
    Decimal unblended =
        row.requiredDecimal(
            CostColumns.BILLED_COST,
            AwsCurColumns.UNBLENDED_COST,
            value(record, Source.UNBLENDED_COST));
    row.decimal(CONTRACTED_COST, unblended);
    Decimal net =
        row.decimal(
            "x_NetUnblendedCost",
            AwsCurColumns.NET_UNBLENDED_COST,
            value(record, Source.NET_UNBLENDED_COST));
    Decimal billed = net != null ? net : unblended;
    row.decimal(BILLED_COST, billed);

    CommitmentAmounts amounts = commitmentAmounts(row, record);
    boolean reservationFee = value(record, Source.RESERVATION_ARN) != null;
    row.decimal(EFFECTIVE_COST, effectiveCost(type, amounts, billed, reservationFee));

    row.decimal(
        LIST_COST,
        row.decimal(
            CostColumns.LIST_COST,
            AwsCurColumns.PUBLIC_ON_DEMAND_COST,
            value(record, Source.PUBLIC_ON_DEMAND_COST)));
    row.decimal(
        LIST_UNIT_PRICE,
        row.decimal(
            CostColumns.LIST_UNIT_PRICE,
            AwsCurColumns.PUBLIC_ON_DEMAND_RATE,
            value(record, Source.PUBLIC_ON_DEMAND_RATE)));
    row.decimal(
        CONTRACTED_UNIT_PRICE,
        row.decimal(
            CostColumns.CONTRACTED_UNIT_PRICE,
            AwsCurColumns.UNBLENDED_RATE,
            value(record, Source.UNBLENDED_RATE)));
  }

  /** The commitment amounts, each parsed and checked under its scratch name. */
  private CommitmentAmounts commitmentAmounts(MappedRow row, DecodedRecord record) {
    Decimal spEffective =
        scratch(row, record, "x_SavingsPlanEffectiveCost", Source.SAVINGS_PLAN_EFFECTIVE_COST);
    Decimal spTotal =
        scratch(row, record, "x_SavingsPlanTotalCommitment", Source.SAVINGS_PLAN_TOTAL_COMMITMENT);
    Decimal spUsed =
        scratch(row, record, "x_SavingsPlanUsedCommitment", Source.SAVINGS_PLAN_USED_COMMITMENT);
    Decimal riEffective =
        scratch(row, record, "x_ReservationEffectiveCost", Source.RESERVATION_EFFECTIVE_COST);
    Decimal riUnusedFee =
        scratch(row, record, "x_ReservationUnusedFee", Source.RESERVATION_UNUSED_AMORTIZED_FEE);
    Decimal riUnusedRecurring =
        scratch(
            row, record, "x_ReservationUnusedRecurring", Source.RESERVATION_UNUSED_RECURRING_FEE);
    return new CommitmentAmounts(
        spEffective, spTotal, spUsed, riEffective, riUnusedFee, riUnusedRecurring);
  }

  /**
   * EffectiveCost by line item type ({@link AwsCurBillingSource}'s rules).
   *
   * @param reservationArn whether the row has a reservation ARN (a Fee with one is a reservation's
   *     upfront payment)
   */
  static Decimal effectiveCost(
      String type, CommitmentAmounts amounts, Decimal billed, boolean reservationArn) {
    if (SAVINGS_PLAN_COVERED_USAGE.equals(type)) {
      return orZero(amounts.spEffective());
    } else if (SAVINGS_PLAN_RECURRING_FEE.equals(type)) {
      return sum(
          orZero(amounts.spTotal())
              .toJavaBigDecimal()
              .subtract(orZero(amounts.spUsed()).toJavaBigDecimal()));
    } else if (SAVINGS_PLAN_NEGATION.equals(type) || SAVINGS_PLAN_UPFRONT_FEE.equals(type)) {
      return zero();
    } else if (DISCOUNTED_USAGE.equals(type)) {
      return orZero(amounts.riEffective());
    } else if (RI_FEE.equals(type)) {
      return sum(
          orZero(amounts.riUnusedFee())
              .toJavaBigDecimal()
              .add(orZero(amounts.riUnusedRecurring()).toJavaBigDecimal()));
    } else if (FEE.equals(type) && reservationArn) {
      return zero();
    } else {
      return billed;
    }
  }

  private Decimal scratch(MappedRow row, DecodedRecord record, String name, Source source) {
    return row.decimal(name, source.column(), value(record, source));
  }

  private static Decimal orZero(Decimal value) {
    return value != null ? value : zero();
  }

  private static Decimal zero() {
    return SparkCasts.decimal("0");
  }

  /**
   * A sum or difference of two DECIMAL(38,18) as Spark gives it: at 17 places, half up, then back
   * to 18.
   */
  private static Decimal sum(BigDecimal exact) {
    Decimal rounded = Decimal.apply(exact.setScale(SUM_SCALE, RoundingMode.HALF_UP));
    return rounded.changePrecision(38, 18) ? rounded : null;
  }

  void pricing(MappedRow row, DecodedRecord record, String type) {
    String term = value(record, Source.PRICING_TERM);
    String termLower = SparkCasts.lower(term);
    String fromTerm = termLower == null ? null : AwsLineItemTypes.PRICING_TERM.get(termLower);
    row.check(
        "unknown_value:" + CostColumns.PRICING_CATEGORY,
        term != null && fromTerm == null,
        () -> AwsCurColumns.PRICING_TERM + " '" + term + "' is not a known CUR pricing term");
    String usageType = value(record, Source.USAGE_TYPE);
    boolean spot =
        SparkCasts.lower(usageType == null ? "" : usageType).contains("spotusage")
            || "spot".equals(termLower);
    boolean savingsPlan =
        SAVINGS_PLAN_COVERED_USAGE.equals(type)
            || SAVINGS_PLAN_NEGATION.equals(type)
            || SAVINGS_PLAN_RECURRING_FEE.equals(type)
            || SAVINGS_PLAN_UPFRONT_FEE.equals(type);
    boolean reservation =
        DISCOUNTED_USAGE.equals(type)
            || RI_FEE.equals(type)
            || (FEE.equals(type) && value(record, Source.RESERVATION_ARN) != null);
    boolean usage = USAGE.equals(type);
    row.text(
        PRICING_CATEGORY,
        spot
            ? "Dynamic"
            : savingsPlan || reservation
                ? "Committed"
                : fromTerm != null ? fromTerm : usage ? "Standard" : null);
    row.text(
        PRICING_SUBCATEGORY,
        spot
            ? PricingSubcategory.SPOT.label()
            : savingsPlan
                ? PricingSubcategory.SAVINGS_PLAN.label()
                : reservation
                    ? PricingSubcategory.RESERVATION.label()
                    : usage ? PricingSubcategory.ON_DEMAND.label() : null);
    row.text(
        COMMITMENT_DISCOUNT_ID,
        savingsPlan || reservation
            ? first(value(record, Source.SAVINGS_PLAN_ARN), value(record, Source.RESERVATION_ARN))
            : null);
    row.text(
        COMMITMENT_DISCOUNT_TYPE,
        savingsPlan ? "Savings Plan" : reservation ? "Reserved Instance" : null);
    row.text(COMMITMENT_DISCOUNT_CATEGORY, savingsPlan ? "Spend" : reservation ? "Usage" : null);
    row.text(
        COMMITMENT_DISCOUNT_STATUS,
        SAVINGS_PLAN_COVERED_USAGE.equals(type) || DISCOUNTED_USAGE.equals(type) ? "Used" : null);
  }

  private String value(DecodedRecord record, Source source) {
    return columns.value(record, source);
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
