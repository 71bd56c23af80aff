package io.fleetcost.report;

import io.fleetcost.savings.FleetAssembly;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.SavingsResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code summary.json}'s {@code cost_analysis}: the current monthly spend (730-hour month, at the
 * rate of the window), the savings identified, broken down by provider, lever and team, and the
 * ranked opportunities. Amounts in other currencies are converted with the job's {@code
 * savings.exchange-rates-to-usd}; a currency without a rate is listed in {@code
 * currencies_without_rate} and left out of every USD figure, never guessed.
 */
public record CostAnalysis(
    Window window,
    BigDecimal monthlyEstimateUsd,
    Map<String, BigDecimal> monthlyEstimateByCurrency,
    BigDecimal gpuMonthlyCostUsd,
    BigDecimal identifiedMonthlySavingsUsd,
    Map<String, BigDecimal> identifiedMonthlySavingsByCurrency,
    BigDecimal projectedGpuMonthlyCostUsd,
    Map<String, String> exchangeRatesToUsd,
    List<String> currenciesWithoutRate,
    int opportunityCount,
    Breakdown breakdown,
    List<Map<String, Object>> optimizationOpportunities,
    Coverage coverage) {

  /** The lookback window the figures are taken over. */
  public record Window(String start, String end, int lookbackDays, double hours, String endedBy) {}

  public record Breakdown(
      List<ByProvider> byProvider, List<ByLever> byLever, List<ByTeam> byTeam) {}

  /**
   * @param monthlyCostUsd the provider's whole bill, per month
   * @param gpuMonthlyCostUsd the GPU resources analysed
   */
  public record ByProvider(
      String provider,
      BigDecimal monthlyCostUsd,
      BigDecimal gpuMonthlyCostUsd,
      BigDecimal monthlySavingUsd,
      int opportunities) {}

  public record ByLever(String lever, BigDecimal monthlySavingUsd, int opportunities) {}

  public record ByTeam(
      String team, BigDecimal gpuMonthlyCostUsd, BigDecimal monthlySavingUsd, int opportunities) {}

  /**
   * What the figures rest on: profiled GPUs, how many joined a billed resource, the GPU hours that
   * did not, the GPU resources billed without telemetry, and those with too little data for a
   * recommendation.
   */
  public record Coverage(
      int gpusProfiled,
      int gpusJoined,
      Map<String, Long> gpusJoinedBy,
      double gpuHoursTotal,
      double gpuHoursUnjoined,
      double gpuHoursUnjoinedShare,
      List<FleetAssembly.UnjoinedGpu> unjoinedGpus,
      int resourcesAnalyzed,
      List<FleetAssembly.UnprofiledResource> gpuResourcesWithoutTelemetry,
      UnmeasuredResources unmeasuredGpuResources,
      List<SavingsResult.InsufficientData> insufficientData,
      long workloadsProfiled) {}

  /**
   * GPU resources on the bill that sent no telemetry: their cost is real, their use unknown. They
   * are never counted as idle (no savings are proposed for them) and are reported apart.
   *
   * @param monthlyCostUsd their monthly cost in USD (resources in currencies without a rate left
   *     out)
   */
  public record UnmeasuredResources(
      int resources,
      int gpus,
      BigDecimal monthlyCostUsd,
      Map<String, BigDecimal> monthlyCostByCurrency) {
    static UnmeasuredResources of(List<FleetAssembly.UnprofiledResource> resources, Converter usd) {
      BigDecimal total = BigDecimal.ZERO;
      Map<String, BigDecimal> byCurrency = new TreeMap<>();
      int gpus = 0;
      for (FleetAssembly.UnprofiledResource r : resources) {
        gpus += r.gpuCount();
        byCurrency.merge(r.currency(), r.monthlyCost(), BigDecimal::add);
        total = total.add(usd.convert(r.monthlyCost(), r.currency()));
      }
      byCurrency.replaceAll((currency, amount) -> cents(amount));
      return new UnmeasuredResources(resources.size(), gpus, cents(total), byCurrency);
    }
  }

  private static final int LISTED_UNJOINED = 50;

  public static CostAnalysis of(
      Window window,
      List<ProviderSpend> spend,
      FleetAssembly.Coverage coverage,
      int resourcesAnalyzed,
      SavingsResult result,
      long workloadsProfiled,
      Map<String, BigDecimal> ratesToUsd) {
    Converter usd = new Converter(ratesToUsd);
    Map<String, BigDecimal> byCurrency = new TreeMap<>();
    Map<String, BigDecimal> providerMonthlyUsd = new TreeMap<>();
    BigDecimal monthlyUsd = BigDecimal.ZERO;
    for (ProviderSpend s : spend) {
      BigDecimal monthly = s.monthly();
      byCurrency.merge(s.currency(), monthly, BigDecimal::add);
      BigDecimal converted = usd.convert(monthly, s.currency());
      providerMonthlyUsd.merge(s.provider(), converted, BigDecimal::add);
      monthlyUsd = monthlyUsd.add(converted);
    }
    byCurrency.replaceAll((currency, amount) -> cents(amount));

    Map<String, BigDecimal> providerGpuUsd = new TreeMap<>();
    Map<String, BigDecimal> teamGpuUsd = new TreeMap<>();
    BigDecimal gpuUsd = BigDecimal.ZERO;
    BigDecimal projectedUsd = BigDecimal.ZERO;
    for (SavingsResult.ResourceOutcome r : result.resources()) {
      BigDecimal converted = usd.convert(r.currentMonthlyCost(), r.currency());
      providerGpuUsd.merge(r.provider(), converted, BigDecimal::add);
      teamGpuUsd.merge(r.owner(), converted, BigDecimal::add);
      gpuUsd = gpuUsd.add(converted);
      projectedUsd = projectedUsd.add(usd.convert(r.projectedMonthlyCost(), r.currency()));
    }

    Map<String, BigDecimal> savingsByCurrency = new TreeMap<>();
    Map<String, BigDecimal> providerSaving = new TreeMap<>();
    Map<String, Integer> providerCount = new TreeMap<>();
    Map<Lever, BigDecimal> leverSaving = new LinkedHashMap<>();
    Map<Lever, Integer> leverCount = new LinkedHashMap<>();
    for (Lever lever : Lever.values()) {
      leverSaving.put(lever, BigDecimal.ZERO);
      leverCount.put(lever, 0);
    }
    Map<String, BigDecimal> teamSaving = new TreeMap<>();
    Map<String, Integer> teamCount = new TreeMap<>();
    BigDecimal savingsUsd = BigDecimal.ZERO;
    List<Map<String, Object>> ranked = new ArrayList<>();
    int rank = 0;
    for (Opportunity o : result.opportunities()) {
      savingsByCurrency.merge(o.currency(), o.monthlySaving(), BigDecimal::add);
      BigDecimal converted = usd.convert(o.monthlySaving(), o.currency());
      savingsUsd = savingsUsd.add(converted);
      providerSaving.merge(o.provider(), converted, BigDecimal::add);
      providerCount.merge(o.provider(), 1, Integer::sum);
      leverSaving.merge(o.lever(), converted, BigDecimal::add);
      leverCount.merge(o.lever(), 1, Integer::sum);
      teamSaving.merge(o.owner(), converted, BigDecimal::add);
      teamCount.merge(o.owner(), 1, Integer::sum);
      ranked.add(OpportunityExport.record(++rank, o, usd.rate(o.currency())));
    }

    Set<String> providers = new TreeSet<>(providerMonthlyUsd.keySet());
    providers.addAll(providerGpuUsd.keySet());
    List<ByProvider> byProvider = new ArrayList<>();
    for (String provider : providers) {
      byProvider.add(
          new ByProvider(
              provider,
              cents(providerMonthlyUsd.getOrDefault(provider, BigDecimal.ZERO)),
              cents(providerGpuUsd.getOrDefault(provider, BigDecimal.ZERO)),
              cents(providerSaving.getOrDefault(provider, BigDecimal.ZERO)),
              providerCount.getOrDefault(provider, 0)));
    }
    List<ByLever> byLever = new ArrayList<>();
    leverSaving.forEach(
        (lever, saving) ->
            byLever.add(new ByLever(lever.cliName(), cents(saving), leverCount.get(lever))));
    List<ByTeam> byTeam = new ArrayList<>();
    for (String team : teamGpuUsd.keySet()) {
      byTeam.add(
          new ByTeam(
              team,
              cents(teamGpuUsd.get(team)),
              cents(teamSaving.getOrDefault(team, BigDecimal.ZERO)),
              teamCount.getOrDefault(team, 0)));
    }
    byTeam.sort(
        Comparator.comparing(ByTeam::monthlySavingUsd).reversed().thenComparing(ByTeam::team));

    UnmeasuredResources unmeasured =
        UnmeasuredResources.of(coverage.gpuResourcesWithoutTelemetry(), usd);
    Map<String, String> rates = new TreeMap<>();
    usd.used.forEach((currency, rate) -> rates.put(currency, rate.toPlainString()));
    savingsByCurrency.replaceAll((currency, amount) -> cents(amount));
    return new CostAnalysis(
        window,
        cents(monthlyUsd),
        byCurrency,
        cents(gpuUsd),
        cents(savingsUsd),
        savingsByCurrency,
        cents(projectedUsd),
        rates,
        List.copyOf(usd.missing),
        result.opportunities().size(),
        new Breakdown(byProvider, byLever, byTeam),
        ranked,
        new Coverage(
            coverage.gpusProfiled(),
            coverage.gpusJoined(),
            coverage.gpusJoinedBy(),
            round2(coverage.gpuHoursTotal()),
            round2(coverage.gpuHoursUnjoined()),
            Math.round(coverage.gpuHoursUnjoinedShare() * 10_000) / 10_000.0,
            coverage
                .unjoinedGpus()
                .subList(0, Math.min(LISTED_UNJOINED, coverage.unjoinedGpus().size())),
            resourcesAnalyzed,
            coverage.gpuResourcesWithoutTelemetry(),
            unmeasured,
            result.insufficientData(),
            workloadsProfiled));
  }

  /**
   * Converts to USD with the job's rates, remembering which it used and which currencies it could
   * not convert.
   */
  private static final class Converter {
    private final Map<String, BigDecimal> rates;
    final Map<String, BigDecimal> used = new TreeMap<>();
    final Set<String> missing = new TreeSet<>();

    Converter(Map<String, BigDecimal> rates) {
      this.rates = rates;
    }

    BigDecimal rate(String currency) {
      if ("USD".equals(currency)) {
        return BigDecimal.ONE;
      }
      return currency == null ? null : rates.get(currency);
    }

    BigDecimal convert(BigDecimal amount, String currency) {
      BigDecimal rate = rate(currency);
      if (rate == null) {
        missing.add(String.valueOf(currency));
        return BigDecimal.ZERO;
      }
      if (!"USD".equals(currency)) {
        used.put(currency, rate);
      }
      return amount.multiply(rate);
    }
  }

  private static BigDecimal cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
