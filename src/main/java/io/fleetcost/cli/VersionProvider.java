package io.fleetcost.cli;

import io.fleetcost.pipeline.RunIdentity;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "FleetCost " + RunIdentity.version(), "Java " + System.getProperty("java.version")
    };
  }
}
