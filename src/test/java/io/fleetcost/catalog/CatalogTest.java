package io.fleetcost.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
  final Catalog catalog = Catalog.bundled();

  @Test
  void theBundledTablesLoadAndAgreeWithEachOther() {
    assertThat(catalog.gpuModels()).extracting(GpuModel::model).contains("A100", "H100", "H200", "B200", "T4", "L4");
    assertThat(catalog.migTableOf("p4d.24xlarge")).contains("A100-40GB");
    assertThat(catalog.migTableOf("p4de.24xlarge")).contains("A100-80GB");
    assertThat(catalog.migTableOf("Standard_NC40ads_H100_v5")).contains("H100-94GB");
    assertThat(catalog.migTableOf("p5en.48xlarge")).contains("H200-141GB");
    assertThat(catalog.migTableOf("g5.xlarge")).as("A10G has no MIG").isEmpty();
    assertThat(catalog.migTableOf("g4dn.xlarge")).as("T4 has no MIG").isEmpty();
  }

  @Test
  void theH200TableIsTheMeasuredListing() {
    // ../shared/data/mig/h200-nvidia-smi-mig-lgip.txt: 1g.18gb 16.00 GiB x7, 1g.35gb 32.50 x4, 2g.35gb 32.50 x3,
    // 3g.71gb 69.75 x2, 4g.71gb 69.75 x1, 7g.141gb 140.00 x1
    List<MigProfile> h200 = catalog.migProfiles("H200-141GB");
    assertThat(h200).extracting(MigProfile::profile)
        .containsExactly("1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb");
    assertThat(h200).extracting(MigProfile::memoryGib).containsExactly(16.0, 32.5, 32.5, 69.75, 69.75, 140.0);
    assertThat(h200).extracting(MigProfile::maxInstances).containsExactly(7, 4, 3, 2, 1, 1);
  }

  @Test
  void everyMigTableHasTheSevenBySevenGeometry() {
    for (String table : List.of("A100-40GB", "A100-80GB", "H100-80GB", "H100-94GB", "H200-141GB", "B200-180GB")) {
      List<MigProfile> profiles = catalog.migProfiles(table);
      assertThat(profiles).as(table).hasSize(6);
      MigProfile threeG = profiles.stream().filter(p -> p.computeSlices() == 3).findFirst().orElseThrow();
      assertThat(threeG.placements()).as("3g starts at memory slice 0 or 4 on %s", table).containsExactly(0, 4);
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
    assertThat(catalog.price("p4d.24xlarge", "eu-west-1")).as("another region: the listed one").contains(p4d);
    assertThat(catalog.price("Standard_ND96isr_H100_v5", "eastus").orElseThrow().spot()).isEmpty();
  }

  @Test
  void badRowsFailTheLoadWithTheirLine() {
    String header = "mig_table,profile,compute_slices,memory_slices,memory_gib,max_instances,placements,source,as_of\n";
    assertThatThrownBy(() -> CatalogCsv.read(new StringReader(header + "X,3g.20gb,3,4,19.5,2,0;5,src,2026-01-01\n"), "t",
            row -> new MigProfile(row.text("mig_table"), row.text("profile"), row.positiveInt("compute_slices"),
                row.positiveInt("memory_slices"), 19.5, row.positiveInt("max_instances"), List.of(0, 5), "s", "d")))
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> CatalogCsv.read(new StringReader(header + "X,1g,0,1,5,1,0,src,2026-01-01\n"), "t",
            row -> row.positiveInt("compute_slices")))
        .hasMessageContaining("line 2")
        .hasMessageContaining("compute_slices must be positive");
  }
}
