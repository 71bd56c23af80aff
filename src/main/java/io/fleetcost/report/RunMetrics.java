package io.fleetcost.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.prom}: a run's figures in the Prometheus text exposition format, for
 * node_exporter's textfile collector (point {@code --collector.textfile.directory} at a folder
 * holding it, or copy it there). Every metric is a gauge of the last run, labelled with the job;
 * money is USD a month (730 h).
 */
public final class RunMetrics {
  private final String job;
  private final Map<String, Metric> metrics = new LinkedHashMap<>();

  private record Sample(Map<String, String> labels, String value) {}

  private record Metric(String help, List<Sample> samples) {}

  public RunMetrics(String job) {
    this.job = job;
  }

  /** Adds a sample; the first call for a name sets its help text. */
  public RunMetrics gauge(String name, String help, Map<String, String> labels, Number value) {
    if (!name.matches("fleetcost_[a-z0-9_]+")) {
      throw new IllegalArgumentException("bad metric name " + name);
    }
    if (value == null) {
      return this;
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("job", job);
    all.putAll(labels);
    metrics
        .computeIfAbsent(name, n -> new Metric(help, new ArrayList<>()))
        .samples()
        .add(new Sample(all, format(value)));
    return this;
  }

  public RunMetrics gauge(String name, String help, Number value) {
    return gauge(name, help, Map.of(), value);
  }

  private static String format(Number value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      return Double.isNaN(d)
          ? "NaN"
          : Double.isInfinite(d) ? (d > 0 ? "+Inf" : "-Inf") : Double.toString(d);
    }
    return value.toString();
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    metrics.forEach(
        (name, metric) -> {
          out.append("# HELP ")
              .append(name)
              .append(' ')
              .append(metric.help().replace("\\", "\\\\").replace("\n", "\\n"))
              .append('\n');
          out.append("# TYPE ").append(name).append(" gauge\n");
          for (Sample sample : metric.samples()) {
            out.append(name).append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
              out.append(first ? "" : ",")
                  .append(label.getKey())
                  .append("=\"")
                  .append(escape(label.getValue()))
                  .append('"');
              first = false;
            }
            out.append("} ").append(sample.value()).append('\n');
          }
        });
    return out.toString();
  }

  /** Label values escape backslash, double quote and line feed (the exposition format's rules). */
  static String escape(String value) {
    return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
