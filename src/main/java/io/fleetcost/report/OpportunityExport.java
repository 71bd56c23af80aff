package io.fleetcost.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetcost.error.ErrorCode;
import io.fleetcost.error.FleetCostException;
import io.fleetcost.model.Money;
import io.fleetcost.savings.MigPlacement;
import io.fleetcost.savings.Opportunity;
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
 * {@code opportunities.json} (an array, ranked) and {@code opportunities.csv} (one row per
 * opportunity, the plan and evidence as JSON text), from the same records so that they always
 * agree.
 */
public final class OpportunityExport {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final ObjectMapper COMPACT =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  static final List<String> CSV_COLUMNS =
      List.of(
          "rank",
          "id",
          "lever",
          "provider",
          "account_id",
          "region",
          "resource_id",
          "resource_name",
          "instance_type",
          "gpu_model",
          "gpu_count",
          "owner",
          "scope",
          "currency",
          "current_monthly_cost",
          "projected_monthly_cost",
          "monthly_saving",
          "monthly_saving_usd",
          "confidence",
          "risk",
          "effort",
          "priority",
          "action",
          "plan",
          "evidence");

  private OpportunityExport() {}

  /**
   * One opportunity as an ordered map with the export's field names.
   *
   * @param usdRate 1 unit of the opportunity's currency in USD, or null when unknown
   */
  public static Map<String, Object> record(int rank, Opportunity o, BigDecimal usdRate) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rank", rank);
    r.put("id", o.id());
    r.put("lever", o.lever().cliName());
    r.put("resource_id", o.resourceId());
    r.put("resource_name", o.resourceName());
    r.put("provider", o.provider());
    r.put("account_id", o.accountId());
    r.put("region", o.region());
    r.put("instance_type", o.instanceType());
    r.put("gpu_model", o.gpuModel());
    r.put("gpu_count", o.gpuCount());
    r.put("owner", o.owner());
    r.put("scope", o.scope().id());
    r.put("currency", o.currency());
    r.put("current_monthly_cost", o.currentMonthlyCost());
    r.put("projected_monthly_cost", o.projectedMonthlyCost());
    r.put("monthly_saving", o.monthlySaving());
    r.put(
        "monthly_saving_usd", usdRate == null ? null : Money.usdCents(o.monthlySaving(), usdRate));
    r.put("confidence", o.confidence());
    r.put("risk", o.risk().id());
    r.put("effort", o.effort().level());
    r.put("priority", o.priority());
    r.put("action", o.action());
    List<Map<String, Object>> plan = new ArrayList<>();
    for (MigPlacement p : o.plan()) {
      Map<String, Object> slice = new LinkedHashMap<>();
      slice.put("resource_id", p.resourceId());
      slice.put("gpu", p.gpuKey());
      slice.put("profile", p.profile());
      slice.put("start_slice", p.startSlice());
      slice.put("compute_slices", p.computeSlices());
      slice.put("memory_slices", p.memorySlices());
      slice.put("workload", p.workload());
      slice.put("moved_from", p.fromGpu());
      plan.add(slice);
    }
    r.put("plan", plan);
    r.put("evidence", new java.util.TreeMap<>(o.evidence()));
    return r;
  }

  public static String json(List<Map<String, Object>> records) {
    try {
      return JSON.writeValueAsString(records) + "\n";
    } catch (JsonProcessingException e) {
      throw new FleetCostException(
          ErrorCode.INTERNAL, "Cannot write opportunities JSON: " + e.getMessage(), e);
    }
  }

  public static String csv(List<Map<String, Object>> records) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        new CSVPrinter(
            out, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(new String[0])).get())) {
      for (Map<String, Object> record : records) {
        List<String> cells = new ArrayList<>();
        for (String column : CSV_COLUMNS) {
          Object value = record.get(column);
          cells.add(cell(column, value));
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String cell(String column, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (column.equals("plan") || column.equals("evidence")) {
      try {
        return CsvCells.text(COMPACT.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new FleetCostException(
            ErrorCode.INTERNAL, "Cannot write opportunity " + column + ": " + e.getMessage(), e);
      }
    }
    return CsvCells.text(value.toString());
  }
}
