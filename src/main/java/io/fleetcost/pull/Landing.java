package io.fleetcost.pull;

import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The landing folder of a job's API inputs: {@code <output>/landing/<input>/<pull date>/}, one
 * folder per pull, each holding one Parquet folder per billing period ({@code period=2026-11/}),
 * the raw responses gzipped ({@code raw/}) and {@code pull.json}.
 *
 * <p>A pull is written in a hidden sibling folder and renamed into place when complete, so a folder
 * named by a date is always a whole pull; a failed pull leaves the landing folder as it was. A run
 * reads, for each billing period, the newest pull on or before its date that holds that period: a
 * later pull restates the month, as a new CUR assembly does (estimated days replaced by final
 * ones).
 */
public final class Landing {
  public static final String FOLDER = "landing";
  public static final String PERIOD_PREFIX = "period=";
  public static final String RAW = "raw";
  public static final String PULL_JSON = "pull.json";

  /** The one Parquet file of a landed table. */
  public static final String TABLE_FILE = "part-0.parquet";

  private final Path root;

  /**
   * @param output the job's output folder; the landing folder is its {@value #FOLDER}
   */
  public Landing(Path output) {
    this.root = output.resolve(FOLDER);
  }

  public Path root() {
    return root;
  }

  public Path pullFolder(String input, LocalDate date) {
    return root.resolve(input).resolve(date.toString());
  }

  public boolean hasPull(String input, LocalDate date) {
    return Files.isDirectory(pullFolder(input, date));
  }

  /**
   * A new hidden folder to write a pull into; {@link #publish} renames it into place, {@link
   * #discard} removes it.
   */
  public Path stage(String input, LocalDate date) {
    Path staging = root.resolve(input).resolve("." + date + ".pulling-" + UUID.randomUUID());
    try {
      return Files.createDirectories(staging);
    } catch (IOException e) {
      throw FleetCostException.userError(
          "Cannot create the landing folder %s: %s", staging, e.getMessage());
    }
  }

  /**
   * Puts a complete pull in place of the date's previous one, if any: the old folder is first
   * renamed aside, then the new one into place, then the old one is deleted.
   */
  public Path publish(Path staging, String input, LocalDate date) {
    Path target = pullFolder(input, date);
    Path aside = root.resolve(input).resolve("." + date + ".replaced-" + UUID.randomUUID());
    try {
      boolean replacing = Files.exists(target);
      if (replacing) {
        move(target, aside);
      }
      move(staging, target);
      if (replacing) {
        deleteTree(aside);
      }
      return target;
    } catch (IOException e) {
      throw FleetCostException.userError(
          "Cannot put the pull of %s in place at %s: %s", input, target, e.getMessage());
    }
  }

  /**
   * Removes a staging folder, and the input's and the landing folder when that leaves them empty (a
   * failed first pull).
   */
  public void discard(Path staging) {
    try {
      deleteTree(staging);
      for (Path folder = staging.getParent();
          folder != null && folder.startsWith(root);
          folder = folder.getParent()) {
        Files.deleteIfExists(folder);
      }
    } catch (DirectoryNotEmptyException otherPulls) {
      // the input has other pulls: they stay
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The landed files a run of {@code date} reads for {@code input}: for each billing period, the
   * Parquet folder of the newest pull on or before the date that holds it. Empty when nothing was
   * pulled.
   */
  public List<Path> periodFolders(String input, LocalDate date) {
    Path folder = root.resolve(input);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    Map<YearMonth, Path> newest = new TreeMap<>();
    for (LocalDate pull : pullDates(folder)) {
      if (pull.isAfter(date)) {
        continue;
      }
      try (Stream<Path> periods = Files.list(folder.resolve(pull.toString()))) {
        periods
            .filter(Files::isDirectory)
            .forEach(p -> period(p).ifPresent(month -> newest.put(month, p)));
      } catch (IOException e) {
        throw FleetCostException.userError(
            "Cannot list the landing folder %s: %s",
            folder.resolve(pull.toString()), e.getMessage());
      }
    }
    return List.copyOf(newest.values());
  }

  /**
   * The file of table {@code name} in the newest pull of {@code input} on or before {@code date}
   * that has one.
   */
  public Optional<Path> newestTable(String input, LocalDate date, String name) {
    Path folder = root.resolve(input);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    List<LocalDate> dates = pullDates(folder);
    for (int i = dates.size() - 1; i >= 0; i--) {
      Path file = folder.resolve(dates.get(i).toString()).resolve(name).resolve(TABLE_FILE);
      if (!dates.get(i).isAfter(date) && Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The dates of the complete pulls of an input's folder, oldest first. */
  static List<LocalDate> pullDates(Path inputFolder) {
    List<LocalDate> dates = new ArrayList<>();
    try (Stream<Path> children = Files.list(inputFolder)) {
      children
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .forEach(
              name -> {
                try {
                  dates.add(LocalDate.parse(name));
                } catch (DateTimeParseException notAPull) {
                  // staging folders start with a dot
                }
              });
    } catch (IOException e) {
      throw FleetCostException.userError(
          "Cannot list the landing folder %s: %s", inputFolder, e.getMessage());
    }
    dates.sort(null);
    return dates;
  }

  public static String periodFolderName(YearMonth month) {
    return PERIOD_PREFIX + month;
  }

  private static Optional<YearMonth> period(Path folder) {
    String name = folder.getFileName().toString();
    if (!name.startsWith(PERIOD_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(YearMonth.parse(name.substring(PERIOD_PREFIX.length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
