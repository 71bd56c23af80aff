package io.fleetcost.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.error.FleetCostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorJarsTest {
  @TempDir Path dir;

  private static final List<String> FLEETCOST =
      List.of(
          "",
          "The following files have been resolved:",
          "   org.apache.spark:spark-sql_2.13:jar:4.1.3:compile:/repo/org/apache/spark/spark-sql_2.13/4.1.3/spark-sql_2.13-4.1.3.jar"
              + " -- module spark.sql (auto)",
          "   com.fasterxml.jackson.core:jackson-databind:jar:2.21.2:compile:/repo/com/fasterxml/jackson/core/jackson-databind/2.21.2/"
              + "jackson-databind-2.21.2.jar -- module com.fasterxml.jackson.databind",
          "   org.apache.commons:commons-csv:jar:1.14.1:compile:/repo/org/apache/commons/commons-csv/1.14.1/commons-csv-1.14.1.jar"
              + "\u001B[36m -- module org.apache.commons.csv\u001B[m",
          "   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.7.Final:compile:/repo/io/netty/netty-transport-native-epoll/"
              + "4.2.7.Final/netty-transport-native-epoll-4.2.7.Final-linux-x86_64.jar",
          "   io.grpc:grpc-core:jar:1.76.3:runtime:/repo/io/grpc/grpc-core/1.76.3/grpc-core-1.76.3.jar",
          "   org.example:descriptor:pom:1:compile:/repo/org/example/descriptor/1/descriptor-1.pom");

  private static final List<String> SPARK =
      List.of(
          "The following files have been resolved:",
          "   org.apache.spark:spark-sql_2.13:jar:4.1.3:compile:/repo/org/apache/spark/spark-sql_2.13/4.1.3/spark-sql_2.13-4.1.3.jar",
          // another version than FleetCost's: still the cluster's to provide
          "   com.fasterxml.jackson.core:jackson-databind:jar:2.20.0:compile:/repo/com/fasterxml/jackson/core/jackson-databind/2.20.0/"
              + "jackson-databind-2.20.0.jar",
          "   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.7.Final:compile:/repo/io/netty/netty-transport-native-epoll/"
              + "4.2.7.Final/netty-transport-native-epoll-4.2.7.Final-linux-x86_64.jar");

  @Test
  void readsDependencyListLinesWithAndWithoutClassifierAndModuleName() {
    List<ExecutorJars.Artifact> artifacts = ExecutorJars.parseList(FLEETCOST);
    assertThat(artifacts)
        .extracting(ExecutorJars.Artifact::key)
        .containsExactly(
            "org.apache.spark:spark-sql_2.13",
            "com.fasterxml.jackson.core:jackson-databind",
            "org.apache.commons:commons-csv",
            "io.netty:netty-transport-native-epoll",
            "io.grpc:grpc-core",
            "org.example:descriptor");
    assertThat(artifacts.get(3).file())
        .isEqualTo(
            Path.of(
                "/repo/io/netty/netty-transport-native-epoll/4.2.7.Final/netty-transport-native-epoll-4.2.7.Final-linux-x86_64.jar"));
    assertThat(artifacts.get(1).file().getFileName()).hasToString("jackson-databind-2.21.2.jar");
  }

  @Test
  void aLineThatIsNotAnArtifactWithItsFileIsAnError() {
    assertThatThrownBy(
            () ->
                ExecutorJars.parseList(
                    List.of("   org.apache.commons:commons-csv:jar:1.14.1:compile")))
        .hasMessageContaining("commons-csv");
  }

  @Test
  void shipsTheJarsSparkDoesNotBringWhateverTheVersions() {
    assertThat(
            ExecutorJars.notInSpark(
                ExecutorJars.parseList(FLEETCOST), ExecutorJars.parseList(SPARK)))
        .containsExactly("commons-csv-1.14.1.jar", "grpc-core-1.76.3.jar");
  }

  @Test
  void theBuildStepWritesTheListAndChecksTheSparkVersion() throws Exception {
    Path runtime = Files.write(dir.resolve("runtime.txt"), FLEETCOST);
    Path spark = Files.write(dir.resolve("spark.txt"), SPARK);
    Path output = dir.resolve("classes/io/fleetcost/spark/executor-jars.txt");
    ExecutorJars.main(
        new String[] {runtime.toString(), spark.toString(), "4.1.3", output.toString()});
    assertThat(Files.readAllLines(output))
        .filteredOn(line -> !line.startsWith("#"))
        .containsExactly("commons-csv-1.14.1.jar", "grpc-core-1.76.3.jar");
    assertThatThrownBy(
            () ->
                ExecutorJars.main(
                    new String[] {
                      runtime.toString(), spark.toString(), "4.2.0", output.toString()
                    }))
        .hasMessageContaining("no org.apache.spark:spark-sql_2.13 4.2.0");
  }

  @Test
  void sparkJarsKeepsWhatIsThereAndAddsTheJarAndItsLibrariesOnce() throws Exception {
    Path jar = Files.createFile(dir.resolve("fleetcost.jar"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.createFile(lib.resolve("commons-csv-1.14.1.jar"));
    Files.createFile(lib.resolve("iceberg-spark-runtime-4.1_2.13-1.12.0.jar"));
    // spark-submit's application jar (as a URI) and a --jars entry
    List<String> existing =
        ExecutorJars.entries(Optional.of("file:" + jar + ", /opt/extra/postgresql.jar"));
    assertThat(existing).containsExactly("file:" + jar, "/opt/extra/postgresql.jar");
    assertThat(
            ExecutorJars.sparkJars(
                existing,
                jar,
                List.of("commons-csv-1.14.1.jar", "iceberg-spark-runtime-4.1_2.13-1.12.0.jar")))
        .isEqualTo(
            String.join(
                ",",
                "file:" + jar,
                "/opt/extra/postgresql.jar",
                lib.resolve("commons-csv-1.14.1.jar").toString(),
                lib.resolve("iceberg-spark-runtime-4.1_2.13-1.12.0.jar").toString()));
    assertThat(ExecutorJars.sparkJars(List.of(), jar, List.of("commons-csv-1.14.1.jar")))
        .isEqualTo(jar + "," + lib.resolve("commons-csv-1.14.1.jar"));
    assertThat(ExecutorJars.entries(Optional.empty())).isEmpty();
  }

  @Test
  void aListedJarMissingFromLibStopsTheRunBeforeExecutorsFailOnAMissingClass() throws Exception {
    Path jar = Files.createFile(dir.resolve("fleetcost.jar"));
    assertThatThrownBy(
            () -> ExecutorJars.sparkJars(List.of(), jar, List.of("commons-csv-1.14.1.jar")))
        .isInstanceOf(FleetCostException.class)
        .hasMessageContaining(dir.resolve("lib/commons-csv-1.14.1.jar").toString())
        .hasMessageContaining("keep the lib/ folder");
  }
}
