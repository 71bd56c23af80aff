package io.fleetcost.report;

import static io.fleetcost.model.Money.cents;

import io.fleetcost.savings.FleetAssembly;
import io.fleetcost.savings.Lever;
import io.fleetcost.savings.Opportunity;
import io.fleetcost.savings.ProviderSpend;
import io.fleetcost.savings.SavingsResult;
import java.math.BigDecimal;
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
    BillTotals bill = BillTotals.of(spend, usd);
    GpuCosts gpu = GpuCosts.of(result.resources(), usd);
    IdentifiedSavings savings = IdentifiedSavings.of(result.opportunities(), usd);
    Breakdown breakdown =
        new Breakdown(byProvider(bill, gpu, savings), byLever(savings), byTeam(gpu, savings));
    UnmeasuredResources unmeasured =
        UnmeasuredResources.of(coverage.gpuResourcesWithoutTelemetry(), usd);
    return new CostAnalysis(
        window,
        cents(bill.monthlyUsd()),
        bill.byCurrency(),
        cents(gpu.monthlyUsd()),
        cents(savings.monthlyUsd()),
        savings.byCurrency(),
        cents(gpu.projectedMonthlyUsd()),
        usd.ratesUsed(),
        List.copyOf(usd.missing),
        result.opportunities().size(),
        breakdown,
        savings.ranked(),
        coverage(coverage, resourcesAnalyzed, unmeasured, result, workloadsProfiled));
  }

  /**
   * The whole bill per month in USD, by provider in USD, and by currency (in cents, unconverted).
   */
  private record BillTotals(
      BigDecimal monthlyUsd,
      Map<String, BigDecimal> byProviderUsd,
      Map<String, BigDecimal> byCurrency) {
    static BillTotals of(List<ProviderSpend> spend, Converter usd) {
      Map<String, BigDecimal> byCurrency = new TreeMap<>();
      Map<String, BigDecimal> byProviderUsd = new TreeMap<>();
      BigDecimal monthlyUsd = BigDecimal.ZERO;
      for (ProviderSpend s : spend) {
        BigDecimal monthly = s.monthly();
        byCurrency.merge(s.currency(), monthly, BigDecimal::add);
        BigDecimal converted = usd.convert(monthly, s.currency());
        byProviderUsd.merge(s.provider(), converted, BigDecimal::add);
        monthlyUsd = monthlyUsd.add(converted);
      }
      byCurrency.replaceAll((currency, amount) -> cents(amount));
      return new BillTotals(monthlyUsd, byProviderUsd, byCurrency);
    }
  }

  /**
   * The analysed GPU resources' monthly cost in USD: in all, by provider and by team, and what is
   * left of it once the opportunities are acted on.
   */
  private record GpuCosts(
      BigDecimal monthlyUsd,
      BigDecimal projectedMonthlyUsd,
      Map<String, BigDecimal> byProviderUsd,
      Map<String, BigDecimal> byTeamUsd) {
    static GpuCosts of(List<SavingsResult.ResourceOutcome> resources, Converter usd) {
      Map<String, BigDecimal> byProviderUsd = new TreeMap<>();
      Map<String, BigDecimal> byTeamUsd = new TreeMap<>();
      BigDecimal monthlyUsd = BigDecimal.ZERO;
      BigDecimal projectedUsd = BigDecimal.ZERO;
      for (SavingsResult.ResourceOutcome r : resources) {
        BigDecimal converted = usd.convert(r.currentMonthlyCost(), r.currency());
        byProviderUsd.merge(r.provider(), converted, BigDecimal::add);
        byTeamUsd.merge(r.owner(), converted, BigDecimal::add);
        monthlyUsd = monthlyUsd.add(converted);
        projectedUsd = projectedUsd.add(usd.convert(r.projectedMonthlyCost(), r.currency()));
      }
      return new GpuCosts(monthlyUsd, projectedUsd, byProviderUsd, byTeamUsd);
    }
  }

  /**
   * The opportunities' monthly savings: in USD, by currency (in cents, unconverted), tallied by
   * provider, lever and team, and the ranked opportunities as summary.json lists them.
   */
  private record IdentifiedSavings(
      BigDecimal monthlyUsd,
      Map<String, BigDecimal> byCurrency,
      Tally<String> byProvider,
      Tally<Lever> byLever,
      Tally<String> byTeam,
      List<Map<String, Object>> ranked) {
    static IdentifiedSavings of(List<Opportunity> opportunities, Converter usd) {
      Map<String, BigDecimal> byCurrency = new TreeMap<>();
      Tally<String> byProvider = new Tally<>(new TreeMap<>(), new TreeMap<>());
      Tally<Lever> byLever = new Tally<>(new LinkedHashMap<>(), new LinkedHashMap<>());
      for (Lever lever : Lever.values()) {
        byLever.savingUsd().put(lever, BigDecimal.ZERO);
        byLever.count().put(lever, 0);
      }
      Tally<String> byTeam = new Tally<>(new TreeMap<>(), new TreeMap<>());
      BigDecimal monthlyUsd = BigDecimal.ZERO;
      List<Map<String, Object>> ranked = new ArrayList<>();
      int rank = 0;
      for (Opportunity o : opportunities) {
        byCurrency.merge(o.currency(), o.monthlySaving(), BigDecimal::add);
        BigDecimal converted = usd.convert(o.monthlySaving(), o.currency());
        monthlyUsd = monthlyUsd.add(converted);
        byProvider.add(o.provider(), converted);
        byLever.add(o.lever(), converted);
        byTeam.add(o.owner(), converted);
        ranked.add(OpportunityExport.record(++rank, o, usd.rate(o.currency())));
      }
      byCurrency.replaceAll((currency, amount) -> cents(amount));
      return new IdentifiedSavings(monthlyUsd, byCurrency, byProvider, byLever, byTeam, ranked);
    }
  }

  /** Savings in USD and opportunities, summed per key (a provider, a lever, a team). */
  private record Tally<K>(Map<K, BigDecimal> savingUsd, Map<K, Integer> count) {
    void add(K key, BigDecimal savingUsd) {
      this.savingUsd.merge(key, savingUsd, BigDecimal::add);
      count.merge(key, 1, Integer::sum);
    }
  }

  /** Every provider with spend or GPU resources, by name. */
  private static List<ByProvider> byProvider(
      BillTotals bill, GpuCosts gpu, IdentifiedSavings savings) {
    Set<String> providers = new TreeSet<>(bill.byProviderUsd().keySet());
    providers.addAll(gpu.byProviderUsd().keySet());
    List<ByProvider> byProvider = new ArrayList<>();
    for (String provider : providers) {
      byProvider.add(
          new ByProvider(
              provider,
              cents(bill.byProviderUsd().getOrDefault(provider, BigDecimal.ZERO)),
              cents(gpu.byProviderUsd().getOrDefault(provider, BigDecimal.ZERO)),
              cents(savings.byProvider().savingUsd().getOrDefault(provider, BigDecimal.ZERO)),
              savings.byProvider().count().getOrDefault(provider, 0)));
    }
    return byProvider;
  }

  /** Every lever, in the order they apply. */
  private static List<ByLever> byLever(IdentifiedSavings savings) {
    List<ByLever> byLever = new ArrayList<>();
    savings
        .byLever()
        .savingUsd()
        .forEach(
            (lever, saving) ->
                byLever.add(
                    new ByLever(
                        lever.cliName(), cents(saving), savings.byLever().count().get(lever))));
    return byLever;
  }

  /** Every team with GPU resources, by the larger saving, then by name. */
  private static List<ByTeam> byTeam(GpuCosts gpu, IdentifiedSavings savings) {
    List<ByTeam> byTeam = new ArrayList<>();
    for (String team : gpu.byTeamUsd().keySet()) {
      byTeam.add(
          new ByTeam(
              team,
              cents(gpu.byTeamUsd().get(team)),
              cents(savings.byTeam().savingUsd().getOrDefault(team, BigDecimal.ZERO)),
              savings.byTeam().count().getOrDefault(team, 0)));
    }
    byTeam.sort(
        Comparator.comparing(ByTeam::monthlySavingUsd).reversed().thenComparing(ByTeam::team));
    return byTeam;
  }

  private static Coverage coverage(
      FleetAssembly.Coverage coverage,
      int resourcesAnalyzed,
      UnmeasuredResources unmeasured,
      SavingsResult result,
      long workloadsProfiled) {
    return new Coverage(
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
        workloadsProfiled);
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

    /** The rates used, as written in summary.json. */
    Map<String, String> ratesUsed() {
      Map<String, String> rates = new TreeMap<>();
      used.forEach((currency, rate) -> rates.put(currency, rate.toPlainString()));
      return rates;
    }
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
