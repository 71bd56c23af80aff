package io.fleetcost.report;

import static io.fleetcost.model.Money.cents;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetcost.history.OpportunityRow;
import io.fleetcost.model.Money;
import io.fleetcost.model.MoneyText;
import io.fleetcost.savings.Lever;
import io.fleetcost.summary.SummaryJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The appendix "How these figures were computed": for the top-ranked opportunity of each lever, the
 * inputs and the arithmetic that give its monthly saving, redone from the opportunity's evidence
 * alone (the savings engine's figures, prices and thresholds as it recorded them), never with the
 * levers' code. The arithmetic is the levers' own, on the same unrounded figures, so each result
 * equals what the engine computed; amounts are shown rounded to cents.
 *
 * <ul>
 *   <li>monthly cost on the bill: effective cost in the window × 730 h ÷ billed hours;
 *   <li>idle, zombie: the resource is stopped, its whole cost before the lever is saved;
 *   <li>rightsize: cost × (new on-demand price ÷ current on-demand price);
 *   <li>mig: cost − cost ÷ GPUs sharing it × GPUs freed (nothing left when all are freed);
 *   <li>spot: cost − cost × (1 − spot price ÷ on-demand price) × (1 − interruption overhead);
 *   <li>saving: cost before the lever, in cents, less the projected cost, in cents.
 * </ul>
 */
final class SavingsComputations {
  private SavingsComputations() {}

  /**
   * One computation per lever that has an opportunity with evidence, in the order the levers apply.
   */
  static List<Computation> of(List<OpportunityRow> opportunities) {
    List<Computation> computations = new ArrayList<>();
    for (Lever lever : Lever.values()) {
      opportunities.stream()
          .filter(o -> lever.cliName().equals(o.lever()) && o.evidenceJson() != null)
          .min(Comparator.comparingInt(OpportunityRow::rank))
          .map(SavingsComputations::of)
          .ifPresent(computations::add);
    }
    return computations;
  }

  static Computation of(OpportunityRow row) {
    JsonNode evidence;
    try {
      evidence = SummaryJson.mapper().readTree(row.evidenceJson());
    } catch (IOException e) {
      return computation(
          row,
          new Worksheet(row.currency()),
          null,
          "The evidence could not be read: " + e.getMessage());
    }
    Lever lever = SavingsSections.lever(row.lever()).orElseThrow();
    Worksheet sheet = new Worksheet(row.currency());
    sheet.input(
        "Resource",
        resource(row) + (row.instanceType() == null ? "" : " (" + row.instanceType() + ")"));
    JsonNode billing = evidence.path("billing");
    monthlyCostOnTheBill(billing, sheet);
    BigDecimal before =
        Optional.ofNullable(decimal(billing.path("monthly_cost_before_this_lever_unrounded")))
            .orElse(decimal(billing.path("monthly_cost_before_this_lever")));
    if (before == null) {
      return computation(
          row, sheet, null, "The evidence does not record the cost before this lever.");
    }
    costLeftByTheLeversBefore(billing, before, sheet);
    BigDecimal projected = projectedCost(lever, evidence, before, sheet);
    BigDecimal saving = monthlySaving(before, projected, sheet);
    return computation(row, sheet, saving, null);
  }

  private static Computation computation(
      OpportunityRow row, Worksheet sheet, BigDecimal monthlySaving, String problem) {
    return new Computation(
        row.rank(),
        row.lever(),
        resource(row),
        row.owner(),
        sheet.currency,
        sheet.inputs,
        sheet.steps,
        monthlySaving,
        problem);
  }

  /** The window's effective cost at 730 hours a month, when the evidence records both figures. */
  private static void monthlyCostOnTheBill(JsonNode billing, Worksheet sheet) {
    String currency = sheet.currency;
    BigDecimal windowCost = decimal(billing.path("effective_cost_in_window"));
    BigDecimal billedHours = decimal(billing.path("billed_hours"));
    if (windowCost != null && billedHours != null && billedHours.signum() > 0) {
      sheet.input("Effective cost in the lookback window", money(windowCost, currency));
      sheet.input("Billed hours in the window", hours(billedHours));
      BigDecimal monthly = Money.monthlyRunRate(windowCost, billedHours);
      sheet.step(
          "Monthly cost on the bill",
          money(windowCost, currency) + " × 730 h ÷ " + hours(billedHours),
          cents(monthly));
    }
  }

  /** A step for the cost this lever starts from, when earlier levers already lowered the bill's. */
  private static void costLeftByTheLeversBefore(
      JsonNode billing, BigDecimal before, Worksheet sheet) {
    BigDecimal beforeLevers = decimal(billing.path("monthly_cost_before_levers"));
    if (beforeLevers != null && cents(before).compareTo(beforeLevers) != 0) {
      sheet.step(
          "Monthly cost left by the levers before this one",
          "(see their opportunities)",
          cents(before));
    }
  }

  /** The lever's own arithmetic: its inputs, and the steps to the projected monthly cost. */
  private static BigDecimal projectedCost(
      Lever lever, JsonNode evidence, BigDecimal before, Worksheet sheet) {
    return switch (lever) {
      case IDLE, ZOMBIE -> stopped(lever, evidence, sheet);
      case RIGHTSIZE -> rightsized(evidence, before, sheet);
      case MIG -> partitioned(evidence, before, sheet);
      case SPOT -> onSpot(evidence, before, sheet);
      default -> throw new IllegalStateException("no arithmetic for the lever " + lever);
    };
  }

  private static BigDecimal stopped(Lever lever, JsonNode evidence, Worksheet sheet) {
    sheet.input("GPUs", String.valueOf(evidence.path("gpus").size()));
    String thresholds =
        evidence.has("idle_mean_below_percent")
            ? " (idle below "
                + percent(evidence.path("idle_mean_below_percent").asDouble())
                + " / "
                + percent(evidence.path("idle_p99_below_percent").asDouble())
                + ")"
            : "";
    sheet.input(
        "Highest mean / p99 GPU activity",
        percent(max(evidence.path("gpus"), "mean"))
            + " / "
            + percent(max(evidence.path("gpus"), "p99"))
            + thresholds);
    if (lever == Lever.ZOMBIE) {
      int zombies = evidence.path("zombie_gpus").asInt();
      sheet.input(
          "GPU memory held without work",
          evidence.path("memory_held_gib").asText()
              + " GiB on "
              + zombies
              + (zombies == 1 ? " GPU" : " GPUs"));
    }
    BigDecimal projected = BigDecimal.ZERO;
    sheet.step("Projected monthly cost", "stopped: nothing left", cents(projected));
    return projected;
  }

  private static BigDecimal rightsized(JsonNode evidence, BigDecimal before, Worksheet sheet) {
    String currency = sheet.currency;
    BigDecimal from = decimal(evidence.path("on_demand_hourly_from"));
    BigDecimal to = decimal(evidence.path("on_demand_hourly_to"));
    sheet.input("Mean GPU activity", percent(evidence.path("mean_activity").asDouble()));
    sheet.input(
        "Demand per GPU, with headroom",
        evidence.path("compute_demand_per_gpu_t4_units").asText()
            + " T4-units, "
            + evidence.path("memory_demand_per_gpu_gib").asText()
            + " GiB");
    sheet.input(
        "Catalog on-demand price",
        evidence.path("from").asText()
            + " "
            + rate(from, currency)
            + " → "
            + evidence.path("to").asText()
            + " "
            + rate(to, currency));
    BigDecimal ratio = to.divide(from, MathContext.DECIMAL64);
    sheet.step(
        "Price ratio",
        rate(to, currency) + " ÷ " + rate(from, currency) + " = " + ratio(ratio),
        null);
    BigDecimal projected = before.multiply(ratio, MathContext.DECIMAL64);
    sheet.step(
        "Projected monthly cost", money(before, currency) + " × " + ratio(ratio), cents(projected));
    return projected;
  }

  private static BigDecimal partitioned(JsonNode evidence, BigDecimal before, Worksheet sheet) {
    String currency = sheet.currency;
    int sharing = evidence.path("gpus_sharing_cost").asInt();
    int freed = evidence.path("gpus_freed").asInt();
    sheet.input("Mean GPU activity", percent(evidence.path("mean_activity").asDouble()));
    sheet.input(
        "Pool GPUs before / after packing",
        evidence.path("pool_gpus_before").asText()
            + " / "
            + evidence.path("pool_gpus_after").asText());
    sheet.input("GPUs freed of this resource's", freed + " of " + sharing);
    if (freed >= sharing) {
      BigDecimal projected = BigDecimal.ZERO;
      sheet.step("Projected monthly cost", "all its GPUs freed: stopped", cents(projected));
      return projected;
    }
    BigDecimal perGpu = before.divide(BigDecimal.valueOf(sharing), MathContext.DECIMAL64);
    sheet.step("Cost per GPU", money(before, currency) + " ÷ " + sharing + " GPUs", cents(perGpu));
    BigDecimal projected = before.subtract(perGpu.multiply(BigDecimal.valueOf(freed)));
    sheet.step(
        "Projected monthly cost",
        money(before, currency) + " − " + money(perGpu, currency) + " × " + freed + " GPUs freed",
        cents(projected));
    return projected;
  }

  private static BigDecimal onSpot(JsonNode evidence, BigDecimal before, Worksheet sheet) {
    String currency = sheet.currency;
    BigDecimal onDemand = decimal(evidence.path("on_demand_hourly"));
    BigDecimal spot = decimal(evidence.path("spot_hourly"));
    double overhead = evidence.path("interruption_overhead").asDouble();
    sheet.input("Interruptible", evidence.path("interruptible_because").asText());
    sheet.input(
        "Catalog price",
        "on-demand " + rate(onDemand, currency) + ", spot " + rate(spot, currency));
    sheet.input(
        "Interruption overhead",
        percent(overhead * 100)
            + " (interruption bucket "
            + evidence.path("interruption_bucket").asText()
            + ")");
    BigDecimal discount = BigDecimal.ONE.subtract(spot.divide(onDemand, MathContext.DECIMAL64));
    sheet.step(
        "Spot discount",
        "1 − " + rate(spot, currency) + " ÷ " + rate(onDemand, currency) + " = " + ratio(discount),
        null);
    BigDecimal saving =
        before
            .multiply(discount, MathContext.DECIMAL64)
            .multiply(BigDecimal.valueOf(1 - overhead), MathContext.DECIMAL64);
    BigDecimal projected = before.subtract(saving);
    sheet.step(
        "Projected monthly cost",
        money(before, currency)
            + " − "
            + money(before, currency)
            + " × "
            + ratio(discount)
            + " × (1 − "
            + ratio(BigDecimal.valueOf(overhead))
            + ")",
        cents(projected));
    return projected;
  }

  /** The last step: the cost before the lever less the projected cost, both in cents. */
  private static BigDecimal monthlySaving(
      BigDecimal before, BigDecimal projected, Worksheet sheet) {
    String currency = sheet.currency;
    // as the engine: the projected cost is kept between nothing and the cost before the lever, then
    // both in cents
    BigDecimal current = cents(before);
    BigDecimal after = cents(projected.max(BigDecimal.ZERO).min(before));
    BigDecimal saving = current.subtract(after);
    sheet.step("Monthly saving", money(current, currency) + " − " + money(after, currency), saving);
    return saving;
  }

  /**
   * The inputs and steps of one computation as they are written down, amounts in {@code currency}.
   */
  private static final class Worksheet {
    final String currency;
    final List<ComputationInput> inputs = new ArrayList<>();
    final List<ComputationStep> steps = new ArrayList<>();

    Worksheet(String currency) {
      this.currency = currency;
    }

    void input(String name, String value) {
      inputs.add(new ComputationInput(name, value));
    }

    void step(String name, String arithmetic, BigDecimal result) {
      steps.add(new ComputationStep(name, arithmetic, result));
    }
  }

  private static String resource(OpportunityRow row) {
    return ReportText.shortResource(
        row.resourceName() == null || row.resourceName().isBlank()
            ? row.resourceId()
            : row.resourceName());
  }

  /** A number of the evidence, written as a JSON number or string; null when absent. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
  }

  private static double max(JsonNode gpus, String field) {
    double max = 0;
    for (JsonNode gpu : gpus) {
      max = Math.max(max, gpu.path(field).asDouble());
    }
    return max;
  }

  private static String money(BigDecimal amount, String currency) {
    return MoneyText.money(amount, currency);
  }

  /** An hourly price as the catalog lists it, all its digits: {@code USD 5.672/h}. */
  private static String rate(BigDecimal hourly, String currency) {
    return currency + " " + hourly.stripTrailingZeros().toPlainString() + "/h";
  }

  private static String hours(BigDecimal hours) {
    return hours.stripTrailingZeros().toPlainString() + " h";
  }

  /** A ratio to six decimals (the arithmetic uses all of its digits). */
  private static String ratio(BigDecimal ratio) {
    return ratio.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.2f %%", value);
  }
}
