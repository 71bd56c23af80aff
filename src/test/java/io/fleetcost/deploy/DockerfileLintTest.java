package io.fleetcost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.TestPaths;
import io.fleetcost.deploy.DockerfileLint.Instruction;
import io.fleetcost.deploy.DockerfileLint.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/Dockerfile, linted with hadolint's checks written as plain assertions ({@link
 * DockerfileLint}): pinned bases, non-root numeric USER, no secrets, COPY not ADD, apt lists
 * cleaned; and what the image's Kubernetes pods rely on (the entrypoint script, the class path's
 * folders, the ignore file letting every copied source in).
 */
class DockerfileLintTest {
  static final Path DOCKERFILE = TestPaths.PROJECT.resolve("deploy/Dockerfile");

  static List<Instruction> instructions() throws IOException {
    return DockerfileLint.parse(Files.readString(DOCKERFILE));
  }

  @Test
  void theDockerfileHasNoViolation() throws IOException {
    assertThat(DockerfileLint.lint(Files.readString(DOCKERFILE))).isEmpty();
  }

  @Test
  void everyRuleFindsItsViolationInABadDockerfile() {
    String bad =
        """
        FROM maven AS build
        ADD https://example.com/tool.tgz /tmp/
        FROM eclipse-temurin:latest
        FROM eclipse-temurin:jre-noble AS runtime
        COPY --from=builder /build/target/app.jar /app.jar
        # a comment \\
        RUN apt-get install curl && cd /tmp \\
         && curl -fsSL https://example.com/install.sh | bash
        RUN sudo apt install -y jq
        ENV AWS_SECRET_ACCESS_KEY=abc LOG_LEVEL=info
        ARG GITHUB_TOKEN
        LABEL key=AKIAABCDEFGHIJKLMNOP
        WORKDIR app
        USER root
        ENTRYPOINT java -jar /app.jar
        """;
    List<Violation> violations = DockerfileLint.lint(bad);
    assertThat(violations.stream().map(Violation::rule).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "DL3006",
            "DL3020",
            "DL3007",
            "pinned-version",
            "DL3022",
            "DL3014",
            "DL3015",
            "DL3009",
            "DL3003",
            "DL4006",
            "DL3004",
            "DL3027",
            "secret-in-image",
            "DL3000",
            "DL3002",
            "DL3025");
    assertThat(violations)
        .filteredOn(v -> v.rule().equals("secret-in-image"))
        .extracting(Violation::line)
        .containsExactly(10, 11, 12);
    assertThat(violations)
        .filteredOn(v -> v.rule().equals("DL3009"))
        .extracting(Violation::line)
        .containsExactly(7, 7);
    assertThat(DockerfileLint.lint("FROM eclipse-temurin:17.0.16_8-jre-noble\n"))
        .extracting(Violation::rule)
        .as("no USER at all is root too")
        .containsExactly("DL3002");
    assertThat(DockerfileLint.lint("FROM eclipse-temurin:17.0.16_8-jre-noble\nUSER fleetcost\n"))
        .extracting(Violation::rule)
        .as("a user name cannot be checked by runAsNonRoot")
        .containsExactly("DL3002");
  }

  @Test
  void everyBaseIsPinnedToAVersionAndTheRuntimeIsTheJre() throws IOException {
    List<String> bases =
        instructions().stream()
            .filter(i -> i.keyword().equals("FROM"))
            .map(i -> i.arguments().split("\\s+")[0])
            .toList();
    assertThat(bases).hasSize(2);
    assertThat(bases)
        .allSatisfy(
            image ->
                assertThat(image)
                    .doesNotEndWith(":latest")
                    .matches("[a-z.\\-/]+:\\d[\\w.\\-]*(@sha256:[0-9a-f]{64})?"));
    assertThat(bases.get(1)).startsWith("eclipse-temurin:17.").contains("-jre-");
  }

  @Test
  void theRuntimeRunsAsUid10001WithTheEntrypointScript() throws IOException {
    List<Instruction> instructions = instructions();
    int lastFrom = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    List<Instruction> runtime = instructions.subList(lastFrom, instructions.size());
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("USER"))
        .extracting(Instruction::arguments)
        .containsExactly("10001:10001");
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("RUN"))
        .anySatisfy(i -> assertThat(i.arguments()).contains("useradd --uid 10001 --gid 10001"));
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("ENTRYPOINT"))
        .extracting(Instruction::arguments)
        .containsExactly("[\"/opt/fleetcost/entrypoint.sh\"]");
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("COPY"))
        .extracting(Instruction::arguments)
        .contains(
            "--chmod=0555 deploy/entrypoint.sh /opt/fleetcost/entrypoint.sh",
            "--from=build /build/target/fleetcost.jar /opt/fleetcost/fleetcost.jar",
            "--from=build /build/target/lib/ /opt/fleetcost/lib/");
    // the paths the entrypoint's class path names
    assertThat(Files.readString(Entrypoint.SCRIPT))
        .contains(
            "FLEETCOST_HOME=\"${FLEETCOST_HOME:-/opt/fleetcost}\"",
            "$FLEETCOST_HOME/fleetcost.jar:$FLEETCOST_HOME/lib/*");
  }

  @Test
  void theIgnoreFileLetsInEverySourceCopiedFromTheContext() throws IOException {
    Set<String> letIn =
        Files.readAllLines(TestPaths.PROJECT.resolve("deploy/Dockerfile.dockerignore")).stream()
            .filter(l -> l.startsWith("!"))
            .map(l -> l.substring(1).replaceAll("/$", ""))
            .collect(Collectors.toSet());
    List<String> sources =
        instructions().stream()
            .filter(i -> i.keyword().equals("COPY") && !i.arguments().contains("--from="))
            .map(i -> i.arguments().replaceAll("--\\S+\\s+", "").split("\\s+"))
            .flatMap(words -> List.of(words).subList(0, words.length - 1).stream())
            .map(s -> s.replaceAll("/$", "").replaceAll("^\\./", ""))
            .toList();
    assertThat(sources).contains("pom.xml", "src", "deploy/entrypoint.sh");
    assertThat(letIn).containsAll(sources);
    for (String source : sources) {
      assertThat(TestPaths.PROJECT.resolve(source)).exists();
    }
  }
}
