package io.fleetcost.billing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * What Spark's {@code try_cast} and text functions give for one text value, computed without an
 * expression, for the mappings that run inside a decoding task ({@link DecodedRecordMapping}). Each
 * method is Spark's own code or a shortcut for the common shape that gives the same result, which
 * {@code SparkCastsTest} checks against Spark on every edge it knows of. FleetCost's sessions run
 * in UTC ({@code spark.sql.session.timeZone}).
 */
public final class SparkCasts {
  private static final int SCALE = NormalizedCostSchema.DECIMAL.scale();
  private static final int PRECISION = NormalizedCostSchema.DECIMAL.precision();

  private SparkCasts() {}

  /**
   * {@code try_cast(text AS DECIMAL(38,18))}: Spark's parse, rounded half up to 18 places, null
   * when it overflows.
   */
  public static Decimal decimal(String text) {
    if (text == null) {
      return null;
    }
    Decimal parsed = Decimal.fromString(UTF8String.fromString(text));
    if (parsed == null || !parsed.changePrecision(PRECISION, SCALE)) {
      return null;
    }
    return parsed;
  }

  /**
   * {@code try_cast(text AS TIMESTAMP)} in UTC, in microseconds. Text shaped {@code
   * yyyy-MM-ddTHH:mm:ss}, optionally with 1 to 6 fraction digits and a {@code Z}, with every field
   * in range, is read here; anything else goes to Spark's own parser (whose zone handling runs a
   * regular expression per value).
   */
  public static Long timestamp(String text) {
    if (text == null) {
      return null;
    }
    Long fast = isoUtc(text);
    if (fast != null) {
      return fast;
    }
    Option<Object> parsed =
        DateTimeUtils.stringToTimestamp(UTF8String.fromString(text), ZoneOffset.UTC);
    return parsed.isDefined() ? (Long) parsed.get() : null;
  }

  private static Long isoUtc(String text) {
    int length = text.length();
    int end = length > 0 && text.charAt(length - 1) == 'Z' ? length - 1 : length;
    if (end < 19
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int micros = 0;
    if (end > 19) {
      int fraction = end - 20;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 6) {
        return null;
      }
      micros = digits(text, 20, end);
      if (micros < 0) {
        return null;
      }
      for (int i = fraction; i < 6; i++) {
        micros *= 10;
      }
    }
    if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
  }

  /**
   * The non-negative number written by the ASCII digits in [from, to), or -1 when another character
   * is there.
   */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@code try_cast(text AS INT)}: whole numbers only ({@code '3.7'} is null, as in ANSI mode). */
  public static Integer integer(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UTF8String.fromString(text).toIntExact();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code date_trunc('month', t)} in UTC. */
  public static Long monthStart(Long micros) {
    if (micros == null) {
      return null;
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(micros, 86_400_000_000L));
    return day.withDayOfMonth(1).toEpochDay() * 86_400_000_000L;
  }

  /**
   * {@code CAST(add_months(t, n) AS TIMESTAMP)} for a month start {@code t} in UTC: midnight of the
   * month n later.
   */
  public static Long plusMonths(Long monthStart, int months) {
    if (monthStart == null) {
      return null;
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(monthStart, 86_400_000_000L));
    return day.plusMonths(months).toEpochDay() * 86_400_000_000L;
  }

  /** {@code lower(text)}. */
  public static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /** {@code upper(text)}. */
  public static String upper(String text) {
    return text == null ? null : text.toUpperCase(Locale.ROOT);
  }

  /** {@code nullif(text, '')}, as the readers' {@code nullIfEmpty}. */
  public static String nullIfEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
