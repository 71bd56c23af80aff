package io.fleetcost.pipeline;

import io.fleetcost.billing.BillingFormat;
import io.fleetcost.billing.BillingInput;
import io.fleetcost.billing.FileInspector;
import io.fleetcost.billing.FileLayout;
import io.fleetcost.billing.FormatDetector;
import io.fleetcost.billing.SourceFile;
import io.fleetcost.billing.aws.CurManifestSelection;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.files.InputDiscovery;
import io.fleetcost.files.InputFile;
import io.fleetcost.files.InputPaths;
import io.fleetcost.files.SkippedFile;
import io.fleetcost.telemetry.NodeInventory;
import io.fleetcost.telemetry.TelemetryDetector;
import io.fleetcost.telemetry.TelemetryInput;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code fleetcost validate}: checks every billing input's files — they exist, their format is
 * recognised, their header or schema has the format's required columns — every telemetry file's
 * format and every inventory file, without reading rows, and reports every problem, not only the
 * first.
 */
public final class JobValidation {
  private JobValidation() {}

  /** One file's verdict; {@code problem} is null when the file can be read. */
  public record FileCheck(
      String input, String path, String format, String detail, int columns, String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * @param warnings what does not stop a run but makes its figures incomplete (an input without
   *     data)
   */
  public record Report(List<FileCheck> files, List<SkippedFile> skipped, List<String> warnings) {
    public Report {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
      warnings = List.copyOf(warnings);
    }

    Report(List<FileCheck> files, List<SkippedFile> skipped) {
      this(files, skipped, List.of());
    }

    public long problems() {
      return files.stream().filter(f -> !f.ok()).count();
    }

    /** Inputs that found no file with data: a run reports them as missing. */
    Report withEmptyInputWarnings(String kind, List<? extends InputPaths> inputs) {
      List<String> found = new ArrayList<>(warnings);
      for (InputPaths input : inputs) {
        boolean failed = files.stream().anyMatch(f -> f.input().equals(input.name()) && !f.ok());
        boolean withData =
            files.stream()
                .anyMatch(
                    f ->
                        f.input().equals(input.name()) && f.ok() && !f.detail().equals(EMPTY_FILE));
        if (!failed && !withData) {
          found.add(
              kind
                  + " input '"
                  + input.name()
                  + "' has no file with data in "
                  + String.join(", ", input.paths())
                  + " (an empty folder, or only empty files): a run reports it as missing");
        }
      }
      return new Report(files, skipped, found);
    }
  }

  static final String EMPTY_FILE = "empty file";

  public static Report check(Configuration conf, List<BillingInput> inputs) {
    List<FileCheck> checks = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    FileInspector inspector = new FileInspector(conf);
    for (BillingInput input : inputs) {
      for (InputFile file : discover(conf, input, checks, skipped)) {
        checks.add(checkFile(inspector, input, file));
      }
    }
    return new Report(checks, skipped).withEmptyInputWarnings("billing", inputs);
  }

  /** An input's files; a discovery problem (a missing path) becomes its check. */
  private static List<InputFile> discover(
      Configuration conf, InputPaths input, List<FileCheck> checks, List<SkippedFile> skipped) {
    try {
      InputDiscovery.Result discovered =
          new InputDiscovery(conf, new CurManifestSelection()).discover(List.of(input));
      skipped.addAll(discovered.skipped());
      return discovered.files();
    } catch (FleetCostException | UncheckedIOException e) {
      checks.add(
          new FileCheck(
              input.name(), String.join(", ", input.paths()), "-", "-", 0, e.getMessage()));
      return List.of();
    }
  }

  /**
   * Telemetry inputs: their files exist and each one's format is known (named, or detected from its
   * first line).
   */
  public static Report checkTelemetry(Configuration conf, List<TelemetryInput> inputs) {
    List<FileCheck> checks = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    for (TelemetryInput input : inputs) {
      for (InputFile file : discover(conf, input, checks, skipped)) {
        String display = SourceFile.displayPath(file.path());
        try {
          TelemetryDetector.Head head = TelemetryDetector.head(conf, file.path());
          if (head.empty()) {
            checks.add(
                new FileCheck(
                    input.name(),
                    display,
                    input.format().map(f -> f.cliName()).orElse("unknown"),
                    EMPTY_FILE,
                    0,
                    null));
            continue;
          }
          TelemetryFormat format = TelemetryDetector.resolve(display, head, input.format());
          checks.add(
              new FileCheck(
                  input.name(),
                  display,
                  format.cliName(),
                  "telemetry",
                  head.csvFields().size(),
                  null));
        } catch (FleetCostException | UncheckedIOException e) {
          checks.add(new FileCheck(input.name(), display, "-", "-", 0, e.getMessage()));
        }
      }
    }
    return new Report(checks, skipped).withEmptyInputWarnings("telemetry", inputs);
  }

  /** Inventory inputs: every file parses and no node maps to two resources. */
  public static Report checkInventory(Configuration conf, List<NodeInventory.Input> inputs) {
    List<FileCheck> checks = new ArrayList<>();
    for (NodeInventory.Input input : inputs) {
      try {
        long nodes = NodeInventory.read(conf, List.of(input)).entries().size();
        checks.add(
            new FileCheck(
                input.name(),
                String.join(", ", input.paths()),
                "inventory",
                nodes + " nodes",
                0,
                null));
      } catch (FleetCostException | UncheckedIOException e) {
        checks.add(
            new FileCheck(
                input.name(),
                String.join(", ", input.paths()),
                "inventory",
                "-",
                0,
                e.getMessage()));
      }
    }
    return new Report(checks, List.of());
  }

  private static FileCheck checkFile(FileInspector inspector, BillingInput input, InputFile file) {
    String display = SourceFile.displayPath(file.path());
    try {
      FileLayout layout = inspector.inspect(file.path());
      if (layout.columns().isEmpty()) {
        return new FileCheck(
            input.name(),
            display,
            input.format().map(BillingFormat::cliName).orElse("unknown"),
            EMPTY_FILE,
            0,
            null);
      }
      BillingFormat format = FormatDetector.resolve(display, layout, input.format());
      return new FileCheck(
          input.name(),
          display,
          format.cliName(),
          FormatDetector.detail(format, layout),
          layout.columns().size(),
          null);
    } catch (FleetCostException | UncheckedIOException e) {
      return new FileCheck(input.name(), display, "-", "-", 0, e.getMessage());
    }
  }
}
