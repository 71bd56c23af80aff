package io.fleetcost.billing.aws;

import static io.fleetcost.billing.aws.AwsLineItemTypes.DISCOUNTED_USAGE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.RI_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_COVERED_USAGE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_NEGATION;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_RECURRING_FEE;
import static io.fleetcost.billing.aws.AwsLineItemTypes.SAVINGS_PLAN_UPFRONT_FEE;
import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_CATEGORY;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_ID;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_STATUS;
import static io.fleetcost.model.CostColumns.COMMITMENT_DISCOUNT_TYPE;
import static io.fleetcost.model.CostColumns.CONTRACTED_COST;
import static io.fleetcost.model.CostColumns.CONTRACTED_UNIT_PRICE;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.LIST_COST;
import static io.fleetcost.model.CostColumns.LIST_UNIT_PRICE;
import static io.fleetcost.model.CostColumns.PRICING_CATEGORY;
import static io.fleetcost.model.CostColumns.PRICING_SUBCATEGORY;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.billing.NormalizedRows;
import io.fleetcost.billing.SourceRows;
import io.fleetcost.billing.SourceValue;
import io.fleetcost.model.PricingSubcategory;
import org.apache.spark.sql.Column;

/**
 * {@link AwsCurBillingSource}'s cost and pricing columns as column expressions: BilledCost,
 * EffectiveCost by line item type, the list and unit prices, the pricing category and subcategory,
 * and the commitment discount. {@link CurCsvCosts} is the same rules on a CSV record.
 */
final class CurCostExpressions {
  private CurCostExpressions() {}

  /**
   * The amounts of a Savings Plan or a reservation that EffectiveCost is computed from, each parsed
   * under a scratch name.
   */
  private record CommitmentAmounts(
      Column spEffective,
      Column spTotal,
      Column spUsed,
      Column riEffective,
      Column riUnusedFee,
      Column riUnusedRecurring) {}

  /**
   * @param type the line item type, lower case
   */
  static void money(NormalizedRows rows, SourceRows source, Column type) {
    SourceValue unblended = source.value(AwsCurColumns.UNBLENDED_COST);
    SourceValue net = source.value(AwsCurColumns.NET_UNBLENDED_COST);
    rows.requiredDecimal(BILLED_COST, unblended);
    Column unblendedCost = rows.get(BILLED_COST);
    rows.set(CONTRACTED_COST, unblendedCost);
    rows.decimal("x_NetUnblendedCost", net);
    Column billed = coalesce(rows.get("x_NetUnblendedCost"), unblendedCost);
    rows.set(BILLED_COST, billed);

    CommitmentAmounts amounts = commitmentAmounts(rows, source);
    Column reservationArn = source.value(AwsCurColumns.RESERVATION_ARN).asText();
    rows.set(EFFECTIVE_COST, effectiveCost(type, amounts, billed, reservationArn));

    SourceValue publicCost = source.value(AwsCurColumns.PUBLIC_ON_DEMAND_COST);
    rows.decimal(LIST_COST, publicCost);
    rows.decimal(LIST_UNIT_PRICE, source.value(AwsCurColumns.PUBLIC_ON_DEMAND_RATE));
    rows.decimal(CONTRACTED_UNIT_PRICE, source.value(AwsCurColumns.UNBLENDED_RATE));
  }

  private static CommitmentAmounts commitmentAmounts(NormalizedRows rows, SourceRows source) {
    Column spEffective =
        parsed(
            rows,
            "x_SavingsPlanEffectiveCost",
            source.value(AwsCurColumns.SAVINGS_PLAN_EFFECTIVE_COST));
    Column spTotal =
        parsed(
            rows,
            "x_SavingsPlanTotalCommitment",
            source.value(AwsCurColumns.SAVINGS_PLAN_TOTAL_COMMITMENT));
    Column spUsed =
        parsed(
            rows,
            "x_SavingsPlanUsedCommitment",
            source.value(AwsCurColumns.SAVINGS_PLAN_USED_COMMITMENT));
    Column riEffective =
        parsed(
            rows,
            "x_ReservationEffectiveCost",
            source.value(AwsCurColumns.RESERVATION_EFFECTIVE_COST));
    Column riUnusedFee =
        parsed(
            rows,
            "x_ReservationUnusedFee",
            source.value(AwsCurColumns.RESERVATION_UNUSED_AMORTIZED_FEE));
    Column riUnusedRecurring =
        parsed(
            rows,
            "x_ReservationUnusedRecurring",
            source.value(AwsCurColumns.RESERVATION_UNUSED_RECURRING_FEE));
    return new CommitmentAmounts(
        spEffective, spTotal, spUsed, riEffective, riUnusedFee, riUnusedRecurring);
  }

  /** EffectiveCost by line item type ({@link AwsCurBillingSource}'s rules). */
  private static Column effectiveCost(
      Column type, CommitmentAmounts amounts, Column billed, Column reservationArn) {
    Column zero = lit(0).cast(NormalizedCostSchema.DECIMAL);
    // Spark gives a sum or difference of two DECIMAL(38,18) as DECIMAL(38,17), rounded half up;
    // cast back, so that the other branches are not rounded to 17 places with it.
    return when(
            type.equalTo(lit(SAVINGS_PLAN_COVERED_USAGE)), coalesce(amounts.spEffective(), zero))
        .when(
            type.equalTo(lit(SAVINGS_PLAN_RECURRING_FEE)),
            coalesce(amounts.spTotal(), zero)
                .minus(coalesce(amounts.spUsed(), zero))
                .cast(NormalizedCostSchema.DECIMAL))
        .when(type.isin(SAVINGS_PLAN_NEGATION, SAVINGS_PLAN_UPFRONT_FEE), zero)
        .when(type.equalTo(lit(DISCOUNTED_USAGE)), coalesce(amounts.riEffective(), zero))
        .when(
            type.equalTo(lit(RI_FEE)),
            coalesce(amounts.riUnusedFee(), zero)
                .plus(coalesce(amounts.riUnusedRecurring(), zero))
                .cast(NormalizedCostSchema.DECIMAL))
        .when(type.equalTo(lit(FEE)).and(reservationArn.isNotNull()), zero)
        .otherwise(billed);
  }

  /**
   * Parses an optional money column under a scratch name (checked like the others, not part of the
   * output).
   */
  private static Column parsed(NormalizedRows rows, String scratch, SourceValue value) {
    rows.decimal(scratch, value);
    return rows.get(scratch);
  }

  /**
   * @param type the line item type, lower case
   */
  static void pricing(NormalizedRows rows, SourceRows source, Column type) {
    SourceValue term = source.value(AwsCurColumns.PRICING_TERM);
    Column fromTerm = NormalizedRows.lookup(lower(term.asText()), AwsLineItemTypes.PRICING_TERM);
    rows.check(
        "unknown_value:" + PRICING_CATEGORY,
        term.isPresent().and(fromTerm.isNull()),
        concat(
            lit(AwsCurColumns.PRICING_TERM + " '"),
            term.asText(),
            lit("' is not a known CUR pricing term")));
    Column usageType = lower(coalesce(source.value(AwsCurColumns.USAGE_TYPE).asText(), lit("")));
    Column spot =
        usageType
            .contains("spotusage")
            .or(lower(coalesce(term.asText(), lit(""))).equalTo(lit("spot")));
    Column savingsPlan =
        type.isin(
            SAVINGS_PLAN_COVERED_USAGE,
            SAVINGS_PLAN_NEGATION,
            SAVINGS_PLAN_RECURRING_FEE,
            SAVINGS_PLAN_UPFRONT_FEE);
    Column reservation =
        type.isin(DISCOUNTED_USAGE, RI_FEE)
            .or(
                type.equalTo(lit(FEE))
                    .and(source.value(AwsCurColumns.RESERVATION_ARN).isPresent()));
    Column usage = type.equalTo(lit(AwsLineItemTypes.USAGE));
    rows.set(
        PRICING_CATEGORY,
        when(spot, lit("Dynamic"))
            .when(savingsPlan.or(reservation), lit("Committed"))
            .when(fromTerm.isNotNull(), fromTerm)
            .when(usage, lit("Standard")));
    rows.set(
        PRICING_SUBCATEGORY,
        when(spot, lit(PricingSubcategory.SPOT.label()))
            .when(savingsPlan, lit(PricingSubcategory.SAVINGS_PLAN.label()))
            .when(reservation, lit(PricingSubcategory.RESERVATION.label()))
            .when(usage, lit(PricingSubcategory.ON_DEMAND.label())));
    Column spArn = source.value(AwsCurColumns.SAVINGS_PLAN_ARN).asText();
    Column riArn = source.value(AwsCurColumns.RESERVATION_ARN).asText();
    Column commitmentRow = savingsPlan.or(reservation);
    rows.set(COMMITMENT_DISCOUNT_ID, when(commitmentRow, coalesce(spArn, riArn)));
    rows.set(
        COMMITMENT_DISCOUNT_TYPE,
        when(savingsPlan, lit("Savings Plan")).when(reservation, lit("Reserved Instance")));
    rows.set(
        COMMITMENT_DISCOUNT_CATEGORY,
        when(savingsPlan, lit("Spend")).when(reservation, lit("Usage")));
    rows.set(
        COMMITMENT_DISCOUNT_STATUS,
        when(type.isin(SAVINGS_PLAN_COVERED_USAGE, DISCOUNTED_USAGE), lit("Used")));
  }
}
