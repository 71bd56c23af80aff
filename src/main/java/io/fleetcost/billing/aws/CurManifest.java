package io.fleetcost.billing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetcost.error.FleetCostException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A legacy CUR manifest ({@code <report>-Manifest.json}). Every delivery of a month restates it:
 * the manifest's {@code reportKeys} name the files of the latest assembly, and files of older
 * assemblies must not be read.
 *
 * @param billingPeriodStart as written, e.g. {@code 20191201T000000.000Z}
 */
record CurManifest(
    String assemblyId,
    String reportName,
    String billingPeriodStart,
    String billingPeriodEnd,
    List<String> reportKeys) {
  private static final ObjectMapper JSON = new ObjectMapper();

  CurManifest {
    reportKeys = List.copyOf(reportKeys);
  }

  /** Whether a file name is a CUR manifest's, by AWS's naming ({@code <report>-Manifest.json}). */
  static boolean looksLikeManifest(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith("manifest.json");
  }

  static CurManifest parse(String path, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw FleetCostException.userError(
          "Cannot read CUR manifest %s: not valid JSON (%s)", path, e.getMessage());
    }
    if (root == null || !root.isObject() || !root.has("reportKeys")) {
      throw FleetCostException.userError(
          "Cannot read CUR manifest %s: it has no 'reportKeys'", path);
    }
    List<String> keys = new ArrayList<>();
    root.get("reportKeys").forEach(k -> keys.add(k.asText()));
    JsonNode period = root.path("billingPeriod");
    return new CurManifest(
        root.path("assemblyId").asText(""),
        root.path("reportName").asText(""),
        period.path("start").asText(""),
        period.path("end").asText(""),
        keys);
  }

  /** Manifests of the same report and month restate each other. */
  public String periodKey() {
    return reportName + "|" + billingPeriodStart + "|" + billingPeriodEnd;
  }
}
