package io.fleetcost.pipeline;

import static io.fleetcost.billing.aws.CostExplorerColumns.*;

import io.fleetcost.billing.aws.CostExplorerPull;
import io.fleetcost.savings.ExternalRecommendation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the rightsizing recommendations landed by Cost Explorer pulls. */
final class ExternalRecommendations {
  private ExternalRecommendations() {}

  /**
   * Every row of the landed tables; a row without a resource id, or with an amount that is not a
   * number, is skipped.
   */
  static List<ExternalRecommendation> read(SparkSession spark, List<String> files) {
    List<ExternalRecommendation> recommendations = new ArrayList<>();
    if (files.isEmpty()) {
      return recommendations;
    }
    for (Row row : spark.read().parquet(files.toArray(String[]::new)).collectAsList()) {
      String resource = text(row, RESOURCE_ID);
      if (resource == null) {
        continue;
      }
      recommendations.add(
          new ExternalRecommendation(
              CostExplorerPull.SOURCE,
              text(row, ACCOUNT_ID),
              resource,
              text(row, INSTANCE_NAME),
              text(row, CURRENT_INSTANCE_TYPE),
              text(row, RIGHTSIZING_REGION),
              text(row, RIGHTSIZING_TYPE),
              text(row, TARGET_INSTANCE_TYPE),
              decimal(row, CURRENT_MONTHLY_COST),
              decimal(row, ESTIMATED_MONTHLY_SAVINGS),
              text(row, CURRENCY_CODE),
              text(row, FINDING_REASON_CODES)));
    }
    return recommendations;
  }

  private static String text(Row row, String column) {
    int index = row.fieldIndex(column);
    return row.isNullAt(index) ? null : row.getString(index);
  }

  private static BigDecimal decimal(Row row, String column) {
    String text = text(row, column);
    try {
      return text == null ? null : new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
