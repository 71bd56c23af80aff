package io.fleetcost.cli;

import io.fleetcost.samplefleet.SampleFleet;
import io.fleetcost.samplefleet.SampleFleetGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sample-fleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write the sample fleet (sample-data/fleet/README.md): bills, DCGM and nvidia-smi telemetry and node lists of"
          + " 89 GPU instances billed from 1 Sep to 14 Nov 2026 and sampled over 1-14 Nov, with planted-cases.csv."
          + " Deterministic; the build writes it into sample-data/fleet/data."
    })
final class SampleFleetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VerbosityOption verbosity;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write (replaced whole).")
  Path out;

  @Option(names = "--force", description = "Write even when the folder already holds this fleet.")
  boolean force;

  @Override
  public Integer call() {
    SampleFleetGenerator.Outcome outcome = SampleFleetGenerator.generate(out, force);
    PrintWriter writer = spec.commandLine().getOut();
    SampleFleet.Plan plan = outcome.plan();
    writer.printf(
        "%s the sample fleet in %s: %d instances, %d GPUs, billed from %s, sampled %d days from %s (fingerprint %s)%n",
        outcome.written() ? "Wrote" : "Already up to date:",
        Output.display(outcome.folder().toAbsolutePath().toString()),
        plan.fleet().instances().size(),
        plan.fleet().instances().stream().mapToInt(i -> i.gpus().size()).sum(),
        plan.fleet().billedFrom(),
        SampleFleet.DAYS,
        SampleFleet.START,
        outcome.fingerprint().substring(0, 12));
    writer.flush();
    return ExitCodes.OK;
  }
}
