package io.fleetcost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class GpuInstanceCatalogTest {
  static final String HEADER =
      "provider,instance_type,gpu_model,gpu_count,gpu_memory_gib,vcpu,memory_gib,source,as_of\n";

  @Test
  void theBundledCatalogLoadsAndCoversEachProvider() {
    GpuInstanceCatalog catalog = GpuInstanceCatalog.bundled();
    assertThat(catalog.find("P4D.24XLARGE"))
        .hasValueSatisfying(
            t -> {
              assertThat(t.gpuModel()).isEqualTo("A100");
              assertThat(t.gpuCount()).isEqualTo(8);
              assertThat(t.gpuMemoryGib()).isEqualTo(40);
            });
    assertThat(catalog.find("a3-highgpu-8g"))
        .hasValueSatisfying(t -> assertThat(t.gpuModel()).isEqualTo("H100"));
    assertThat(catalog.find("standard_nc24ads_a100_v4"))
        .hasValueSatisfying(t -> assertThat(t.gpuMemoryGib()).isEqualTo(80));
    assertThat(catalog.all()).extracting(GpuInstanceType::provider).contains("AWS", "GCP", "Azure");
    assertThat(catalog.all()).allSatisfy(t -> assertThat(t.source()).isNotBlank());
    assertThat(catalog.find("m5.large")).isEmpty();
  }

  @Test
  void rowsAreValidatedOnLoad() {
    assertThatThrownBy(
            () ->
                GpuInstanceCatalog.parse(
                    new StringReader(
                        HEADER
                            + "AWS,p3.2xlarge,V100,1,16,8,61,docs,2026-01-01\nAWS,P3.2xlarge,V100,1,16,8,61,docs,2026-01-01\n"),
                    "test"))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () ->
                GpuInstanceCatalog.parse(
                    new StringReader(HEADER + "AWS,p3.2xlarge,V100,0,16,8,61,docs,2026-01-01\n"),
                    "test"))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () ->
                GpuInstanceCatalog.parse(
                    new StringReader(HEADER + "AWS,p3.2xlarge,V100,1,16,8,61,docs,yesterday\n"),
                    "test"))
        .hasMessageContaining("line");
    assertThatThrownBy(
            () ->
                GpuInstanceCatalog.parse(
                    new StringReader(HEADER + "AWS,p3.2xlarge,V100,1,16,8,61,,2026-01-01\n"),
                    "test"))
        .hasMessageContaining("source is empty");
  }
}
