package io.fleetcost.pipeline;

import io.fleetcost.config.BillingInputConfig;
import io.fleetcost.config.InventoryInputConfig;
import io.fleetcost.config.TelemetryFormat;
import io.fleetcost.config.TelemetryInputConfig;
import io.fleetcost.telemetry.NodeInventory;
import io.fleetcost.telemetry.TelemetryInput;
import java.util.ArrayList;
import java.util.List;

/** Turns the telemetry and inventory sections of a (validated) job file into typed inputs. */
public final class TelemetryInputs {
  private TelemetryInputs() {}

  public static List<TelemetryInput> fromConfig(List<TelemetryInputConfig> configs) {
    List<TelemetryInput> inputs = new ArrayList<>();
    for (TelemetryInputConfig config : configs) {
      TelemetryFormat format =
          BillingInputConfig.AUTO.equalsIgnoreCase(config.format())
              ? null
              : TelemetryFormat.fromName(config.format());
      inputs.add(
          new TelemetryInput(
              config.name(),
              config.path(),
              format,
              config.cluster(),
              config.timezone(),
              config.instanceId(),
              config.node()));
    }
    return inputs;
  }

  public static List<NodeInventory.Input> inventoryFromConfig(List<InventoryInputConfig> configs) {
    return configs.stream()
        .map(c -> new NodeInventory.Input(c.name(), c.path(), c.cluster()))
        .toList();
  }
}
