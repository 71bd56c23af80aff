package io.fleetcost.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stages of a FleetCost run, read from its progress lines (logger {@code
 * io.fleetcost.progress}, standard error, {@code HH:mm:ss fleetcost <stage>: finished in <seconds>
 * s: <outcome>}). A stage that runs once per recorded date ({@code profile GPUs}, {@code record
 * history}, …) appears once per run of it.
 */
record StageTimes(List<Stage> stages) {
  private static final Pattern FINISHED =
      Pattern.compile(
          "^(?:\\d\\d:\\d\\d:\\d\\d )?fleetcost (.+?): finished in ([0-9]+(?:\\.[0-9]+)?) s(?:: (.*))?$");

  record Stage(String name, double seconds, String outcome) {}

  StageTimes {
    stages = List.copyOf(stages);
  }

  static StageTimes parse(List<String> lines) {
    List<Stage> stages = new ArrayList<>();
    for (String line : lines) {
      Matcher m = FINISHED.matcher(line.strip());
      if (m.matches()) {
        stages.add(
            new Stage(
                m.group(1), Double.parseDouble(m.group(2)), m.group(3) == null ? "" : m.group(3)));
      }
    }
    return new StageTimes(stages);
  }

  /** Seconds per stage name, in the order stages first finished, repeated stages added up. */
  Map<String, Double> totals() {
    Map<String, Double> totals = new LinkedHashMap<>();
    stages.forEach(s -> totals.merge(s.name(), s.seconds(), Double::sum));
    return totals;
  }

  double seconds(String name) {
    return totals().getOrDefault(name, 0d);
  }

  double sum() {
    return stages.stream().mapToDouble(Stage::seconds).sum();
  }
}
