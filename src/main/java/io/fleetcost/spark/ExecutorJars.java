package io.fleetcost.spark;

import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The jars a cluster's executors are sent besides {@code fleetcost.jar}: FleetCost's runtime
 * dependencies that are not in Spark's own runtime closure (spark-sql_2.13 and everything it
 * brings, as a Spark distribution's {@code jars/} has them), such as the Iceberg runtime and
 * Commons CSV.
 *
 * <p>Why a list and not a shaded cluster jar: {@code lib/} already holds every jar (the manifest's
 * class path), so a list of file names in it costs nothing to build and keeps one layout for {@code
 * java -jar}, {@code spark-submit} and the image; a shaded jar would be a second 100 MB artifact
 * with merged service files and signatures to get right. Spark's closure is resolved on its own
 * ({@code src/build/spark-runtime/pom.xml}), not read from FleetCost's tree: there a library both
 * Spark and another dependency bring (Jackson, Netty, Guava) is attributed to whichever is nearer,
 * and the cluster's copy is the one executors load anyway (parent-first). Artifacts are compared by
 * group and artifact id, whatever the versions.
 */
public final class ExecutorJars {
  /** Where the build writes the list (one file name of {@code lib/} a line) in the jar. */
  static final String RESOURCE = "/io/fleetcost/spark/executor-jars.txt";

  /** The folder beside {@code fleetcost.jar} that its manifest's class path names. */
  static final String LIB = "lib";

  // "group:artifact:type[:classifier]:version:scope:/absolute/file.jar", optionally " -- module
  // name (auto)"
  private static final Pattern LISTED =
      Pattern.compile(
          "^\\s*([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::[^:\\s]+)?:[^:\\s]+:[^:\\s]+:(/.+?|[A-Za-z]:[\\\\/].+?)(?: -- module .*)?$");

  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

  private ExecutorJars() {}

  /**
   * One resolved artifact as {@code mvn dependency:list -DoutputAbsoluteArtifactFilename=true}
   * prints it.
   */
  record Artifact(String groupId, String artifactId, String type, Path file) {
    String key() {
      return groupId + ":" + artifactId;
    }
  }

  /** The artifacts of a {@code dependency:list} output; its header and blank lines are skipped. */
  static List<Artifact> parseList(List<String> lines) {
    List<Artifact> artifacts = new ArrayList<>();
    for (String colored : lines) {
      // Maven colours the module names on a terminal, in the file too
      String line = ANSI_ESCAPE.matcher(colored).replaceAll("");
      Matcher matcher = LISTED.matcher(line);
      if (matcher.matches()) {
        artifacts.add(
            new Artifact(
                matcher.group(1), matcher.group(2), matcher.group(3), Path.of(matcher.group(4))));
      } else if (line.contains(":") && !line.strip().endsWith(":")) {
        throw new IllegalArgumentException("not a dependency:list line with a file: " + line);
      }
    }
    return artifacts;
  }

  /**
   * The jar file names (as in {@code lib/}) of {@code runtime}'s artifacts that {@code spark} does
   * not have, sorted.
   */
  static List<String> notInSpark(List<Artifact> runtime, List<Artifact> spark) {
    Set<String> provided = spark.stream().map(Artifact::key).collect(Collectors.toSet());
    return runtime.stream()
        .filter(artifact -> artifact.type().equals("jar") && !provided.contains(artifact.key()))
        .map(artifact -> artifact.file().getFileName().toString())
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Build time ({@code mvn package}, phase prepare-package): {@code RUNTIME_LIST SPARK_LIST
   * SPARK_VERSION OUTPUT}, the two {@code dependency:list} outputs (FleetCost's runtime scope,
   * Spark's runtime closure), the Spark version the build uses and the resource file to write.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: ExecutorJars RUNTIME_LIST SPARK_LIST SPARK_VERSION OUTPUT");
      System.exit(2);
    }
    List<Artifact> runtime =
        parseList(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    List<Artifact> spark = parseList(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
    String sparkSql = "org.apache.spark:spark-sql_2.13";
    if (spark.stream()
        .noneMatch(
            a ->
                a.key().equals(sparkSql)
                    && a.file().getFileName().toString().contains("-" + args[2] + "."))) {
      throw new IllegalStateException(
          args[1]
              + " is not Spark "
              + args[2]
              + "'s runtime closure (no "
              + sparkSql
              + " "
              + args[2]
              + ")");
    }
    List<String> names = notInSpark(runtime, spark);
    List<String> lines = new ArrayList<>();
    lines.add(
        "# FleetCost's runtime jars in lib/ that Spark "
            + args[2]
            + " does not bring: sent to a cluster's executors.");
    lines.add(
        "# Written by the build (ExecutorJars); "
            + names.size()
            + " of "
            + runtime.size()
            + " runtime artifacts.");
    lines.addAll(names);
    Path output = Path.of(args[3]);
    Files.createDirectories(output.getParent());
    Files.write(output, lines, StandardCharsets.UTF_8);
  }

  /** The file names the build listed; none when FleetCost does not run from its packaged jar. */
  static List<String> listed() {
    try (InputStream in = ExecutorJars.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The value of {@code spark.jars}: the jars already there ({@code spark-submit}'s application jar
   * and {@code --jars}, the job file's {@code spark.jars}), then {@code applicationJar}, then the
   * listed jars from the {@code lib/} folder beside it; a file name already present is not added
   * again.
   *
   * @throws FleetCostException when a listed jar is not in {@code lib/}: executors would fail on a
   *     missing class
   */
  static String sparkJars(List<String> existing, Path applicationJar, List<String> listed) {
    Set<String> jars = new LinkedHashSet<>(existing);
    Set<String> names = new TreeSet<>();
    existing.forEach(jar -> names.add(fileName(jar)));
    List<Path> toAdd = new ArrayList<>();
    toAdd.add(applicationJar);
    Path lib = applicationJar.toAbsolutePath().getParent().resolve(LIB);
    for (String name : listed) {
      Path jar = lib.resolve(name);
      if (!Files.isRegularFile(jar)) {
        throw new FleetCostException(
            ErrorCode.USER_ERROR,
            "Cannot send the executors their libraries: "
                + jar
                + " is missing (keep the lib/ folder the build wrote beside "
                + applicationJar.getFileName()
                + ")");
      }
      toAdd.add(jar);
    }
    for (Path jar : toAdd) {
      if (names.add(jar.getFileName().toString())) {
        jars.add(jar.toAbsolutePath().toString());
      }
    }
    return String.join(",", jars);
  }

  /** The comma-separated entries of a {@code spark.jars} value. */
  static List<String> entries(Optional<String> sparkJars) {
    return sparkJars.stream()
        .flatMap(value -> List.of(value.split(",")).stream())
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .toList();
  }

  private static String fileName(String jar) {
    String path = jar.replace('\\', '/');
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
