package io.fleetcost.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.savings.ExternalRecommendation;
import io.fleetcost.savings.RecommendationComparison;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code external-recommendations.json} and {@code .csv}: a cloud's recommendations beside
 * FleetCost's opportunities, one row per resource, with the verdict of {@link
 * RecommendationComparison}. Amounts are exact decimals; text cells of the CSV are neutralized
 * ({@link CsvCells}).
 */
public final class RecommendationExport {
  public static final String JSON_FILE = "external-recommendations.json";
  public static final String CSV_FILE = "external-recommendations.csv";

  static final List<String> COLUMNS =
      List.of(
          "resource_id",
          "provider",
          "verdict",
          "fleetcost_levers",
          "fleetcost_monthly_saving",
          "fleetcost_currency",
          "source",
          "account_id",
          "instance_name",
          "instance_type",
          "region",
          "cloud_action",
          "cloud_target_instance_type",
          "cloud_current_monthly_cost",
          "cloud_estimated_monthly_saving",
          "cloud_currency",
          "cloud_reasons",
          "detail");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private RecommendationExport() {}

  public static List<Map<String, Object>> records(List<RecommendationComparison.Row> rows) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (RecommendationComparison.Row row : rows) {
      ExternalRecommendation cloud = row.external();
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("resource_id", row.resourceId());
      record.put("provider", row.provider());
      record.put("verdict", row.verdict());
      record.put("fleetcost_levers", row.levers());
      record.put("fleetcost_monthly_saving", row.fleetcostMonthlySaving());
      record.put("fleetcost_currency", row.fleetcostCurrency());
      record.put("source", cloud == null ? null : cloud.source());
      record.put("account_id", cloud == null ? null : cloud.accountId());
      record.put("instance_name", cloud == null ? null : cloud.instanceName());
      record.put("instance_type", cloud == null ? null : cloud.instanceType());
      record.put("region", cloud == null ? null : cloud.region());
      record.put("cloud_action", cloud == null ? null : cloud.action());
      record.put("cloud_target_instance_type", cloud == null ? null : cloud.targetInstanceType());
      record.put("cloud_current_monthly_cost", cloud == null ? null : cloud.currentMonthlyCost());
      record.put(
          "cloud_estimated_monthly_saving", cloud == null ? null : cloud.estimatedMonthlySaving());
      record.put("cloud_currency", cloud == null ? null : cloud.currency());
      record.put("cloud_reasons", cloud == null ? null : cloud.reasons());
      record.put("detail", row.detail());
      records.add(record);
    }
    return records;
  }

  public static String json(List<RecommendationComparison.Row> rows) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("counts", RecommendationComparison.counts(rows));
    document.put("resources", records(rows));
    try {
      return JSON.writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new FleetCostException(
          ErrorCode.INTERNAL, "Cannot write " + JSON_FILE + ": " + e.getMessage(), e);
    }
  }

  public static String csv(List<RecommendationComparison.Row> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        new CSVPrinter(
            out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(new String[0])).get())) {
      for (Map<String, Object> record : records(rows)) {
        List<String> cells = new ArrayList<>();
        for (String column : COLUMNS) {
          Object value = record.get(column);
          cells.add(
              value == null
                  ? ""
                  : value instanceof BigDecimal decimal
                      ? decimal.toPlainString()
                      : value instanceof List<?> list
                          ? CsvCells.text(
                              String.join(" ", list.stream().map(String::valueOf).toList()))
                          : CsvCells.text(value.toString()));
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
