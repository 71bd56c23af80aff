package io.fleetcost.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The job files shipped in jobs/ load without errors, and the deployed copy is the same file. */
class JobFilesTest {
  @Test
  void everyShippedJobFileLoads() throws IOException {
    List<Path> jobs;
    try (Stream<Path> files = Files.list(TestPaths.PROJECT.resolve("jobs"))) {
      jobs = files.filter(p -> p.toString().endsWith(".yaml")).toList();
    }
    assertThat(jobs)
        .extracting(job -> job.getFileName().toString())
        .contains("nightly.yaml", "sample.yaml");
    for (Path job : jobs) {
      JobConfig config = new JobConfigLoader().load(job);
      assertThat(config.billing()).as("billing inputs of %s", job).isNotEmpty();
    }
  }

  @Test
  void theKubernetesConfigMapHoldsJobsNightlyYamlUnchanged() throws IOException {
    JsonNode configMap =
        new ObjectMapper(new YAMLFactory())
            .readTree(TestPaths.PROJECT.resolve("deploy/kubernetes/configmap-job.yaml").toFile());
    assertThat(configMap.get("data").get("nightly.yaml").asText())
        .isEqualTo(Files.readString(TestPaths.PROJECT.resolve("jobs/nightly.yaml")));
  }
}
