package io.fleetcost.history;

import io.fleetcost.history.TelemetryDayStore.FileDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which telemetry files a night reads, from the ledger of what earlier nights read ({@link
 * TelemetryDayStore}).
 *
 * <p>A file the ledger lists with the same input, path, size and SHA-256 is unchanged and is not
 * read. Any other file is new or changed: it is read, and the UTC days of its samples are
 * aggregated again — with every unchanged file that holds samples of those days, so that each day's
 * aggregate is always computed from all of its files (overlapping files count a sample once). The
 * days a changed file used to hold are aggregated again too, so that samples removed from a
 * re-delivered file disappear. A file the ledger lists that is no longer there leaves its days as
 * they were.
 */
public final class TelemetryFilePlan {
  private TelemetryFilePlan() {}

  /** A file found this night. */
  public record Present(String input, String path, long bytes, String sha256) {}

  /**
   * @param changed the paths of the new and changed files
   * @param formerDays the days the ledger listed for the changed files
   * @param unchanged the paths of the files read before with the same content
   * @param missing the paths the ledger lists that are no longer found
   */
  public record Changes(
      Set<String> changed, Set<LocalDate> formerDays, Set<String> unchanged, Set<String> missing) {}

  public static Changes changes(List<Present> present, List<FileDay> ledger) {
    Set<String> changed = new LinkedHashSet<>();
    Set<String> unchanged = new LinkedHashSet<>();
    Set<LocalDate> formerDays = new TreeSet<>();
    Set<Present> listed = new java.util.HashSet<>();
    java.util.Map<String, List<LocalDate>> daysOfPath = new java.util.HashMap<>();
    for (FileDay e : ledger) {
      listed.add(new Present(e.input(), e.path(), e.bytes(), e.sha256()));
      if (e.day() != null) {
        daysOfPath.computeIfAbsent(e.path(), p -> new ArrayList<>()).add(e.day());
      }
    }
    for (Present file : present) {
      if (listed.contains(file)) {
        unchanged.add(file.path());
      } else {
        changed.add(file.path());
        formerDays.addAll(daysOfPath.getOrDefault(file.path(), List.of()));
      }
    }
    Set<String> presentPaths = new LinkedHashSet<>();
    present.forEach(p -> presentPaths.add(p.path()));
    Set<String> missing = new TreeSet<>();
    ledger.stream().map(FileDay::path).filter(p -> !presentPaths.contains(p)).forEach(missing::add);
    return new Changes(changed, formerDays, unchanged, missing);
  }

  /** Every file as changed: {@code --full}. */
  public static Changes everything(List<Present> present, List<FileDay> ledger) {
    Set<String> changed = new LinkedHashSet<>();
    present.forEach(p -> changed.add(p.path()));
    Set<String> missing = new TreeSet<>();
    ledger.stream().map(FileDay::path).filter(p -> !changed.contains(p)).forEach(missing::add);
    return new Changes(changed, new TreeSet<>(), new LinkedHashSet<>(), missing);
  }

  /** The {@code candidates} the ledger lists with samples on one of {@code days}. */
  public static Set<String> covering(
      List<FileDay> ledger, Collection<LocalDate> days, Collection<String> candidates) {
    Set<String> paths = new TreeSet<>();
    for (FileDay entry : ledger) {
      if (entry.day() != null && days.contains(entry.day()) && candidates.contains(entry.path())) {
        paths.add(entry.path());
      }
    }
    return paths;
  }

  /**
   * The ledger with the entries of the files read this night ({@code read}) replaced by {@code
   * readNow}.
   */
  public static List<FileDay> updated(
      List<FileDay> ledger, Collection<String> read, List<FileDay> readNow) {
    List<FileDay> rows = new ArrayList<>();
    ledger.stream().filter(e -> !read.contains(e.path())).forEach(rows::add);
    rows.addAll(readNow);
    return rows;
  }
}
