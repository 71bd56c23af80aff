package io.fleetcost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetcost.TestPaths;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CatalogTest {
  final Catalog catalog = Catalog.bundled();

  @Test
  void theBundledTablesLoadAndAgreeWithEachOther() {
    assertThat(catalog.gpuModels())
        .extracting(GpuModel::model)
        .contains("A100", "H100", "H200", "B200", "T4", "L4");
    assertThat(catalog.migTableOf("p4d.24xlarge")).contains("A100-40GB");
    assertThat(catalog.migTableOf("p4de.24xlarge")).contains("A100-80GB");
    assertThat(catalog.migTableOf("Standard_NC40ads_H100_v5")).contains("H100-94GB");
    assertThat(catalog.migTableOf("p5en.48xlarge")).contains("H200-141GB");
    assertThat(catalog.migTableOf("g5.xlarge")).as("A10G has no MIG").isEmpty();
    assertThat(catalog.migTableOf("g4dn.xlarge")).as("T4 has no MIG").isEmpty();
  }

  @Test
  void theH200TableIsTheMeasuredListing() throws IOException {
    // sample-data/catalog/measured/h200-nvidia-smi-mig-lgip.txt (nvidia-smi mig -lgip on an H200):
    // one row per GPU
    // instance profile, "MIG <name>  <id>  <free>/<total>  <memory GiB> ..."; the "+me"
    // media-extension variants are
    // not in the catalog.
    Pattern row =
        Pattern.compile("\\|\\s+\\d+\\s+MIG (\\S+)\\s+\\d+\\s+\\d+/(\\d+)\\s+([\\d.]+)\\s");
    Map<String, double[]> listed = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(TestPaths.sample("catalog/measured/h200-nvidia-smi-mig-lgip.txt"))) {
      Matcher m = row.matcher(line);
      if (m.find() && !m.group(1).contains("+")) {
        listed.put(
            m.group(1),
            new double[] {Double.parseDouble(m.group(3)), Integer.parseInt(m.group(2))});
      }
    }
    assertThat(listed).as("profiles in the listing").hasSize(6);
    List<MigProfile> h200 = catalog.migProfiles("H200-141GB");
    assertThat(h200).extracting(MigProfile::profile).containsExactlyElementsOf(listed.keySet());
    for (MigProfile profile : h200) {
      double[] measured = listed.get(profile.profile());
      assertThat(profile.memoryGib()).as("%s memory", profile.profile()).isEqualTo(measured[0]);
      assertThat(profile.maxInstances())
          .as("%s instances", profile.profile())
          .isEqualTo((int) measured[1]);
    }
    // and by hand: 1g.18gb 16.00 GiB x7, 1g.35gb 32.50 x4, 2g.35gb 32.50 x3, 3g.71gb 69.75 x2,
    // 4g.71gb 69.75 x1,
    // 7g.141gb 140.00 x1
    assertThat(h200)
        .extracting(MigProfile::memoryGib)
        .containsExactly(16.0, 32.5, 32.5, 69.75, 69.75, 140.0);
    assertThat(h200).extracting(MigProfile::maxInstances).containsExactly(7, 4, 3, 2, 1, 1);
  }

  @Test
  void everyMigTableHasTheSevenBySevenGeometry() {
    for (String table :
        List.of("A100-40GB", "A100-80GB", "H100-80GB", "H100-94GB", "H200-141GB", "B200-180GB")) {
      List<MigProfile> profiles = catalog.migProfiles(table);
      assertThat(profiles).as(table).hasSize(6);
      MigProfile threeG =
          profiles.stream().filter(p -> p.computeSlices() == 3).findFirst().orElseThrow();
      assertThat(threeG.placements())
          .as("3g starts at memory slice 0 or 4 on %s", table)
          .containsExactly(0, 4);
      MigProfile full = profiles.get(profiles.size() - 1);
      assertThat(full.computeSlices()).isEqualTo(7);
      assertThat(full.memorySlices()).isEqualTo(8);
    }
  }

  @Test
  void pricesHaveSpotBelowOnDemandAndFallBackToAnotherRegion() {
    InstancePrice p4d = catalog.price("p4d.24xlarge", "us-east-1").orElseThrow();
    assertThat(p4d.onDemandHourly()).isEqualByComparingTo("21.9576");
    assertThat(p4d.spotHourly()).isLessThan(p4d.onDemandHourly());
    assertThat(catalog.price("p4d.24xlarge", "eu-west-1"))
        .as("another region: the listed one")
        .contains(p4d);
    assertThat(catalog.price("Standard_ND96isr_H100_v5", "eastus").orElseThrow().spot()).isEmpty();
  }

  @Test
  void badRowsFailTheLoadWithTheirLine() {
    String header =
        "mig_table,profile,compute_slices,memory_slices,memory_gib,max_instances,placements,source,as_of\n";
    assertThatThrownBy(
            () ->
                CatalogCsv.read(
                    new StringReader(header + "X,3g.20gb,3,4,19.5,2,0;5,src,2026-01-01\n"),
                    "t",
                    row ->
                        new MigProfile(
                            row.text("mig_table"),
                            row.text("profile"),
                            row.positiveInt("compute_slices"),
                            row.positiveInt("memory_slices"),
                            19.5,
                            row.positiveInt("max_instances"),
                            List.of(0, 5),
                            "s",
                            "d")))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(
            () ->
                CatalogCsv.read(
                    new StringReader(header + "X,1g,0,1,5,1,0,src,2026-01-01\n"),
                    "t",
                    row -> row.positiveInt("compute_slices")))
        .hasMessageContaining("line 2")
        .hasMessageContaining("compute_slices must be positive");
  }
}
