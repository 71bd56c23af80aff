package io.fleetcost.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeInventoryTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();

  private NodeInventory read(String cluster, Path... files) {
    return NodeInventory.read(
        conf,
        List.of(
            new NodeInventory.Input(
                "inv", java.util.Arrays.stream(files).map(Path::toString).toList(), cluster)));
  }

  @Test
  void kubectlNodesGiveTheInstanceOfEveryProviderIdFormat() throws IOException {
    Path nodes =
        Files.writeString(
            dir.resolve("nodes.json"),
            """
            {"apiVersion":"v1","kind":"List","items":[
              {"metadata":{"name":"ip-10-0-1-23.ec2.internal"},"spec":{"providerID":"aws:///us-east-1a/i-0ABC123"}},
              {"metadata":{"name":"gke-research-gpu-1a2b"},"spec":{"providerID":"gce://proj/us-central1-a/gke-research-gpu-1a2b"}},
              {"metadata":{"name":"aks-gpu-vmss000003"},"spec":{"providerID":"azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-gpu-vmss/virtualMachines/3"}},
              {"metadata":{"name":"Bare-Metal-1"},"spec":{}}
            ]}
            """);
    NodeInventory inventory = read("eks-ml", nodes);
    assertThat(inventory.entries())
        .extracting(
            NodeInventory.Entry::node,
            NodeInventory.Entry::resourceKey,
            NodeInventory.Entry::cluster)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ip-10-0-1-23.ec2.internal", "i-0abc123", "eks-ml"),
            org.assertj.core.groups.Tuple.tuple(
                "gke-research-gpu-1a2b", "gke-research-gpu-1a2b", "eks-ml"),
            org.assertj.core.groups.Tuple.tuple("aks-gpu-vmss000003", "aks-gpu-vmss", "eks-ml"));
  }

  @Test
  void anInventoryCsvMapsNodesWithOrWithoutACluster() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("inventory.csv"),
            "\uFEFFNode,Resource_Id,Cluster\r\ngpu-box-1,i-0aaa,\r\ngpu-box-2,/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-2,lab\r\n");
    NodeInventory inventory = read(null, csv);
    assertThat(inventory.entries())
        .extracting(
            NodeInventory.Entry::node,
            NodeInventory.Entry::resourceKey,
            NodeInventory.Entry::cluster)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gpu-box-1", "i-0aaa", null),
            org.assertj.core.groups.Tuple.tuple("gpu-box-2", "vm-2", "lab"));
  }

  @Test
  void badInventoriesFailNamingTheFile() throws IOException {
    Path noColumn = Files.writeString(dir.resolve("a.csv"), "host,instance\nx,i-1\n");
    assertThatThrownBy(() -> read(null, noColumn))
        .hasMessageContaining(noColumn.getFileName().toString())
        .hasMessageContaining("missing column 'node'");
    Path blank = Files.writeString(dir.resolve("b.csv"), "node,resource_id\nx,\n");
    assertThatThrownBy(() -> read(null, blank))
        .hasMessageContaining("b.csv")
        .hasMessageContaining("line 2");
    Path json = Files.writeString(dir.resolve("c.json"), "{\"items\": [");
    assertThatThrownBy(() -> read(null, json))
        .hasMessageContaining("c.json")
        .hasMessageContaining("not valid JSON");
    Path one = Files.writeString(dir.resolve("d.csv"), "node,resource_id\nbox,i-1\n");
    Path other = Files.writeString(dir.resolve("e.csv"), "node,resource_id\nBOX,i-2\n");
    assertThatThrownBy(() -> read(null, one, other))
        .hasMessageContaining("node box is i-1 in")
        .hasMessageContaining("d.csv")
        .hasMessageContaining("but i-2 in")
        .hasMessageContaining("e.csv");
    assertThatThrownBy(() -> read(null, dir.resolve("missing.json")))
        .hasMessageContaining("inventory input 'inv'");
  }
}
