package io.fleetcost.billing.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.savings.ResourceBill;
import io.fleetcost.spark.SharedSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Several windows' bills summed in one pass: each window gets exactly the rows whose charge starts
 * in it, as if it were summed alone.
 */
class BillWindowsTest {
  /** The columns {@link BillWindow} reads, as in {@link BillWindowCurrentStateTest}. */
  private static final StructType SCHEMA = BillWindowCurrentStateTest.SCHEMA;

  private final List<Row> rows = new ArrayList<>();

  private void hourly(
      String id,
      String type,
      Integer gpus,
      String from,
      String to,
      String cost,
      Map<String, String> tags) {
    for (Instant h = Instant.parse(from); h.isBefore(Instant.parse(to)); h = h.plusSeconds(3600)) {
      rows.add(
          RowFactory.create(
              "AWS",
              "USD",
              new BigDecimal(cost),
              Timestamp.from(h),
              Timestamp.from(h.plusSeconds(3600)),
              "Usage",
              id,
              null,
              "111122223333",
              "us-east-1",
              type,
              gpus,
              "Standard",
              "cur.csv",
              (long) rows.size() + 2,
              tags));
    }
  }

  private static Instant day(int november) {
    return Instant.parse(String.format("2026-11-%02dT00:00:00Z", november));
  }

  private static ResourceBill bill(BillWindow.Bill bill, String id) {
    return bill.resources().stream()
        .filter(b -> b.resourceId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachWindowSumsTheRowsThatStartInIt() {
    // i-gpu: a g5.xlarge (1 GPU) at 1.006/h from 1 to 6 Nov, tagged; i-cpu: a CPU instance at
    // 0.10/h over the same
    // days, untagged, that only the second window's telemetry saw
    hourly(
        "i-gpu",
        "g5.xlarge",
        1,
        "2026-11-01T00:00:00Z",
        "2026-11-06T00:00:00Z",
        "1.006",
        Map.of("team", "ml"));
    hourly(
        "i-cpu", "m5.large", 0, "2026-11-01T00:00:00Z", "2026-11-06T00:00:00Z", "0.10", Map.of());
    Dataset<Row> normalized = SharedSpark.session().createDataFrame(rows, SCHEMA);
    // two overlapping windows: 1-4 Nov (3 days) and 3-6 Nov (3 days); 3 Nov is in both
    List<BillWindow.Bill> bills =
        BillWindow.bills(
            SharedSpark.session(),
            normalized,
            List.of(
                new BillWindow.Span(day(1), day(4), List.of()),
                new BillWindow.Span(day(3), day(6), List.of("i-cpu"))),
            BillWindowCurrentStateTest.billKey(),
            List.of("team"),
            new BigDecimal("0.2"));

    assertThat(bills).hasSize(2);
    for (BillWindow.Bill bill : bills) {
      // 72 hours of both instances: 72 x (1.006 + 0.10) = 72 x 1.106 = 79.632, in 144 rows
      assertThat(bill.spend()).hasSize(1);
      assertThat(bill.spend().get(0).effectiveCost()).isEqualByComparingTo("79.632");
      assertThat(bill.spend().get(0).rows()).isEqualTo(144);
      assertThat(bill.spend().get(0).hours()).isEqualTo(72d);
      // 72 x 1.006 = 72.432 for the GPU instance
      assertThat(bill(bill, "i-gpu").basis().effectiveCost()).isEqualByComparingTo("72.432");
      assertThat(bill(bill, "i-gpu").basis().rows()).isEqualTo(72);
      // untagged: the CPU instance's 72 x 0.10 = 7.2 of 79.632
      assertThat(bill.governance().shares().get(0).untagged()).isEqualByComparingTo("7.2");
      assertThat(bill.governance().largestUntagged())
          .extracting(BillWindowsTest::untagged)
          .containsExactly("i-cpu 7.2");
    }
    assertThat(bills.get(0).spend().get(0).coveredFrom()).isEqualTo(day(1));
    assertThat(bills.get(0).spend().get(0).coveredTo()).isEqualTo(day(4));
    assertThat(bills.get(1).spend().get(0).coveredFrom()).isEqualTo(day(3));
    assertThat(bills.get(1).spend().get(0).coveredTo()).isEqualTo(day(6));
    assertThat(bill(bills.get(1), "i-gpu").basis().firstChargeStart())
        .isEqualTo("2026-11-03T00:00:00Z");
    // a resource without GPUs is billed in the window whose telemetry saw it, and only there
    assertThat(bills.get(0).resources())
        .extracting(ResourceBill::resourceId)
        .containsExactly("i-gpu");
    assertThat(bills.get(1).resources())
        .extracting(ResourceBill::resourceId)
        .containsExactlyInAnyOrder("i-gpu", "i-cpu");
    assertThat(bill(bills.get(1), "i-cpu").basis().effectiveCost()).isEqualByComparingTo("7.2");
    assertThat(bill(bills.get(1), "i-gpu").tags()).containsEntry("team", "ml");
  }

  @Test
  void oneWindowAloneGivesTheSameBillAsInABatch() {
    hourly(
        "i-gpu",
        "g5.xlarge",
        1,
        "2026-11-01T00:00:00Z",
        "2026-11-06T00:00:00Z",
        "1.006",
        Map.of("team", "ml"));
    hourly(
        "i-late",
        "g5.xlarge",
        1,
        "2026-11-04T12:00:00Z",
        "2026-11-06T00:00:00Z",
        "1.006",
        Map.of());
    Dataset<Row> normalized = SharedSpark.session().createDataFrame(rows, SCHEMA);
    BillWindow.Span second = new BillWindow.Span(day(3), day(6), List.of());
    BillWindow.Bill alone =
        BillWindow.bills(
                SharedSpark.session(),
                normalized,
                List.of(second),
                BillWindowCurrentStateTest.billKey(),
                List.of("team"),
                BigDecimal.ONE)
            .get(0);
    BillWindow.Bill batched =
        BillWindow.bills(
                SharedSpark.session(),
                normalized,
                List.of(new BillWindow.Span(day(1), day(4), List.of()), second),
                BillWindowCurrentStateTest.billKey(),
                List.of("team"),
                BigDecimal.ONE)
            .get(1);
    assertThat(batched).isEqualTo(alone);
    // i-late: 36 hours from 4 Nov 12:00 at 1.006 = 36.216, billed from its first charge to the
    // bill's end
    assertThat(bill(alone, "i-late").basis().effectiveCost()).isEqualByComparingTo("36.216");
    assertThat(bill(alone, "i-late").basis().billedHours()).isEqualTo(36d);
  }

  /** An untagged resource as "id cost", the cost without trailing zeros. */
  private static String untagged(io.fleetcost.scan.BillingGovernance.UntaggedResource r) {
    return r.resourceId() + " " + r.cost().stripTrailingZeros().toPlainString();
  }
}
