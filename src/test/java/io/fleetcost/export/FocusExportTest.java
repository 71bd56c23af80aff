package io.fleetcost.export;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.billing.NormalizedCostSchema;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The CSV text of single values: decimals exact and plain, text neutralized only where a
 * spreadsheet would run it.
 */
class FocusExportTest {
  @Test
  void decimalsArePlainExactAndWithoutTrailingZeros() {
    List<String> values =
        List.of(
            "0.0000001",
            "-0.000000000000000001",
            "-5.250",
            "1320.960000",
            "100",
            "0",
            "12345678901234567890.123456789012345678");
    StructType schema = new StructType().add("value", NormalizedCostSchema.DECIMAL);
    Dataset<Row> rows =
        SharedSpark.session()
            .createDataFrame(
                values.stream().map(v -> RowFactory.create(new BigDecimal(v))).toList(), schema);
    List<String> text =
        rows.select(FocusExport.plainDecimal(col("value"))).as(Encoders.STRING()).collectAsList();
    assertThat(text)
        .containsExactly(
            "0.0000001",
            "-0.000000000000000001",
            "-5.25",
            "1320.96",
            "100",
            "0",
            "12345678901234567890.123456789012345678");
  }

  @Test
  void onlyTextAsASpreadsheetFormulaIsPrefixed() {
    List<String> values =
        List.of("=1+1", "+33 1 23", "-ops", "@SUM(A1)", "\tcell", "plain", "a=b", "'quoted");
    StructType schema = new StructType().add("value", DataTypes.StringType);
    Dataset<Row> rows =
        SharedSpark.session()
            .createDataFrame(values.stream().map(RowFactory::create).toList(), schema);
    List<String> text =
        rows.select(FocusExport.spreadsheetSafe(col("value")))
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(text)
        .containsExactly(
            "'=1+1", "'+33 1 23", "'-ops", "'@SUM(A1)", "'\tcell", "plain", "a=b", "'quoted");
  }
}
