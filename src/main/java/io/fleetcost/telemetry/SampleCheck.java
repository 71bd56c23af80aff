package io.fleetcost.telemetry;

import static io.fleetcost.telemetry.GpuSampleColumns.GPU_UTIL;
import static io.fleetcost.telemetry.GpuSampleColumns.GR_ENGINE_ACTIVE;
import static io.fleetcost.telemetry.GpuSampleColumns.SM_ACTIVE;

/**
 * The check of one metric value as text, the same rules as {@link GpuSamples#checked}: a number,
 * not NaN, below DCGM's "blank" sentinels, a percentage for {@code gpu_util}, a 0–1 ratio for the
 * {@code PROF_} activities, never negative. Used by the decoders that check values as they read
 * them, without a Spark row per value.
 */
final class SampleCheck {
  private SampleCheck() {}

  /** A value that failed its check: the quarantine reason and a sentence for a person. */
  record Failure(String reason, String detail) {}

  /**
   * The value as a number, or NaN when it fails its check (then {@link #failure} tells why).
   * Integers and decimals of up to 15 digits are parsed without {@link Double#parseDouble}; the
   * result is the same double.
   */
  static double parse(String text) {
    if (text == null) {
      return Double.NaN;
    }
    double fast = parseSimpleDecimal(text);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    String trimmed = text.trim();
    switch (trimmed.toLowerCase(java.util.Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (trimmed.isEmpty() || !isDecimalSyntax(trimmed)) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(trimmed);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Null when the number is good; else why not. {@code text} is the value as read (null: no value).
   */
  static Failure failure(String metric, String text, double number) {
    if (text == null) {
      return new Failure("missing_value:" + metric, metric + " has no value");
    }
    if (Double.isNaN(number)) {
      String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
      return trimmed.equals("nan")
          ? new Failure("not_a_number:" + metric, detail(metric, text))
          : new Failure("unparseable_number:" + metric, detail(metric, text));
    }
    if (number >= GpuSamples.DCGM_BLANK) {
      return new Failure("blank_value:" + metric, detail(metric, text));
    }
    boolean percent = metric.equals(GPU_UTIL);
    boolean ratio = metric.equals(GR_ENGINE_ACTIVE) || metric.equals(SM_ACTIVE);
    if (percent && (number < 0 || number > 100)) {
      return new Failure(
          "out_of_range:" + metric,
          metric + " '" + text + "' is not a percentage between 0 and 100");
    }
    if (ratio && (number < 0 || number > 1)) {
      return new Failure(
          "out_of_range:" + metric, metric + " '" + text + "' is not a ratio between 0 and 1");
    }
    if (number < 0) {
      return new Failure("out_of_range:" + metric, detail(metric, text));
    }
    return null;
  }

  private static String detail(String metric, String text) {
    boolean percent = metric.equals(GPU_UTIL);
    boolean ratio = metric.equals(GR_ENGINE_ACTIVE) || metric.equals(SM_ACTIVE);
    if (ratio) {
      return metric + " '" + text + "' is not a ratio between 0 and 1";
    }
    if (percent) {
      return metric + " '" + text + "' is not a percentage between 0 and 100";
    }
    return metric + " '" + text + "' is not a usable number";
  }

  /**
   * Digits with an optional sign and one decimal point, at most 15 digits; NaN for anything else.
   */
  static double parseSimpleDecimal(String text) {
    int length = text.length();
    if (length == 0 || length > 17) {
      return Double.NaN;
    }
    int i = 0;
    boolean negative = false;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0;
    int decimals = -1;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (decimals >= 0) {
          decimals++;
        }
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || digits > 15) {
      return Double.NaN;
    }
    double value = decimals <= 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
    return negative ? -value : value;
  }

  // exact doubles: a mantissa below 2^53 divided by one of these is correctly rounded, as
  // Double.parseDouble is
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16
  };

  private static boolean isDecimalSyntax(String text) {
    // what Spark's cast from string to double takes: no hexadecimal, no Java type suffixes
    return text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }
}
