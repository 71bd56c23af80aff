package io.fleetcost.bench;

import io.fleetcost.catalog.Catalog;
import io.fleetcost.config.SavingsThresholds;
import io.fleetcost.savings.BilledResource;
import io.fleetcost.savings.SavingsEngine;
import io.fleetcost.savings.SavingsResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The savings engine alone, on synthetic assembled fleets ({@link SyntheticFleet}) of growing size:
 * one warm-up evaluation of every fleet, then per fleet the median of three timed ones, and the
 * time per GPU relative to the first fleet's. Near 1.0 all the way means the engine is linear in
 * the fleet. See docs/benchmark.md, "The savings engine benchmark".
 *
 * <p>Arguments: {@code --sizes 1000,10000,30000} (GPUs per fleet), {@code --runs 3} (timed runs per
 * size), {@code --seed 20261127}.
 */
public final class EngineBenchmark {
  public static void main(String[] args) {
    int[] sizes = {1_000, 10_000, 30_000};
    int runs = 3;
    long seed = 20261127L;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes" ->
            sizes =
                Arrays.stream(args[i + 1].split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        case "--runs" -> runs = Math.max(1, Integer.parseInt(args[i + 1]));
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
    }
    Catalog catalog = Catalog.bundled();
    SavingsEngine engine = new SavingsEngine(catalog, SavingsThresholds.DEFAULTS);
    System.out.printf(
        Locale.ROOT,
        "%8s %10s %14s %10s %12s %14s%n",
        "GPUs",
        "resources",
        "opportunities",
        "seconds",
        "µs per GPU",
        "per-GPU ratio");
    List<List<BilledResource>> fleets = new ArrayList<>();
    for (int size : sizes) {
      fleets.add(SyntheticFleet.assembled(catalog, size, seed));
    }
    // one warm-up evaluation of every fleet before any is timed, so that the smallest is timed
    // compiled too
    for (List<BilledResource> fleet : fleets) {
      engine.evaluate(fleet);
    }
    double firstPerGpu = Double.NaN;
    for (List<BilledResource> fleet : fleets) {
      int gpus = fleet.stream().mapToInt(r -> r.gpus().size()).sum();
      SavingsResult result = null;
      List<Double> seconds = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        long started = System.nanoTime();
        result = engine.evaluate(fleet);
        seconds.add((System.nanoTime() - started) / 1e9);
      }
      seconds.sort(Double::compare);
      double median = seconds.get(seconds.size() / 2);
      double perGpu = median * 1e6 / gpus;
      if (Double.isNaN(firstPerGpu)) {
        firstPerGpu = perGpu;
      }
      System.out.printf(
          Locale.ROOT,
          "%,8d %,10d %,14d %10.3f %12.1f %14.2f%n",
          gpus,
          fleet.size(),
          result.opportunities().size(),
          median,
          perGpu,
          perGpu / firstPerGpu);
    }
    System.out.printf(
        Locale.ROOT,
        "(median of %d runs, after one warm-up run of every fleet; %d cores, Java %s)%n",
        runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
  }
}
