package io.fleetcost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetcost.report.TrendsPage.SavingsPoint;
import io.fleetcost.report.TrendsPage.TeamLine;
import io.fleetcost.report.TrendsPage.UtilizationBucket;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrendsPageTest {
  private static final TrendsPage PAGE =
      TrendsPageBuilder.build(ReportFixture.acme().snapshot(), ReportOptions.defaults());

  private static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void savingsPerIsoWeekAndMonthAreTheLastRunOfEach() {
    // Oct 27 (a Monday) – Nov 2 is 2025-W44, Nov 3–9 W45, Nov 10–16 W46
    assertThat(PAGE.weekly())
        .extracting(SavingsPoint::period)
        .containsExactly("2025-W44", "2025-W45", "2025-W46");
    assertThat(PAGE.weekly())
        .extracting(SavingsPoint::runDate)
        .containsExactly(
            LocalDate.of(2025, 10, 31), LocalDate.of(2025, 11, 7), LocalDate.of(2025, 11, 14));
    assertThat(PAGE.weekly())
        .extracting(SavingsPoint::identified)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(usd("30000"), usd("31200"), usd("31502.70"));
    assertThat(PAGE.weekly())
        .extracting(SavingsPoint::realized)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(usd("1000"), usd("3500"), usd("3500.75"));
    assertThat(PAGE.monthly())
        .extracting(SavingsPoint::period)
        .containsExactly("2025-10", "2025-11");
    assertThat(PAGE.monthly())
        .extracting(SavingsPoint::runDate)
        .containsExactly(LocalDate.of(2025, 10, 31), LocalDate.of(2025, 11, 14));
  }

  @Test
  void utilizationDistributionAndTrends() {
    // 12 + 20 + 10 + 6 = 48 GPUs: 25%, 41.67%, 20.83%, 12.5%
    assertThat(PAGE.utilization())
        .extracting(UtilizationBucket::range)
        .containsExactly("0–10%", "10–30%", "30–60%", "60–100%");
    assertThat(PAGE.utilization())
        .extracting(UtilizationBucket::gpus)
        .containsExactly(12L, 20L, 10L, 6L);
    assertThat(PAGE.utilization().get(0).sharePercent()).isEqualByComparingTo(usd("25"));
    assertThat(PAGE.utilization().get(3).sharePercent()).isEqualByComparingTo(usd("12.5"));
    assertThat(PAGE.utilizationTrend()).hasSize(10);
    assertThat(PAGE.utilizationTrend().get(0).seeded()).isTrue();
    assertThat(PAGE.utilizationTrend().get(9).idleGpuHours()).isEqualTo(690.0);
    assertThat(PAGE.securityTrend()).hasSize(7); // 10 runs, 3 seeded without a scan
  }

  @Test
  void teamTablesJoinSpendIdentifiedAndRealizedSavingsPerOwner() {
    TeamLine research =
        PAGE.teams().stream().filter(t -> t.team().equals("ml-research")).findFirst().orElseThrow();
    // spend: 14 × (1,000 + 300 + 100)
    assertThat(research.spendThisMonth()).isEqualByComparingTo(usd("19600"));
    // owner of rank r is TEAMS[r % 4]: ml-research has ranks 4 (idle 1,500), 8 (zombie 750.50), 12
    // and 16 (rightsize
    // 2 × 1,200), 20 and 24 (spot 2 × 900.10) = 6,450.70
    assertThat(research.opportunities()).isEqualTo(6);
    assertThat(research.identifiedMonthly()).isEqualByComparingTo(usd("6450.70"));
    // realized op-101 1,000; in progress op-105 2,000 − 1,800
    assertThat(research.realizedMonthly()).isEqualByComparingTo(usd("1000"));
    assertThat(research.inProgressMonthly()).isEqualByComparingTo(usd("200"));
    BigDecimal identified =
        PAGE.teams().stream()
            .map(TeamLine::identifiedMonthly)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(identified).isEqualByComparingTo(usd("31502.70"));
    assertThat(PAGE.teams().get(0).team()).isEqualTo("ml-research"); // most spend first
  }

  @Test
  void trendsHtmlCarriesItsChartsAsDataUrisAndNoExternalReference() throws IOException {
    String html = new ReportRenderer().trendsHtml(PAGE);

    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    Matcher images =
        Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    List<BufferedImage> decoded = new ArrayList<>();
    while (images.find()) {
      decoded.add(
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1)))));
    }
    assertThat(decoded)
        .hasSize(4); // savings, utilization distribution, utilization trend, security score
    assertThat(decoded)
        .allSatisfy(
            image -> {
              assertThat(image).isNotNull();
              assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
              assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
            });
    // every chart's figures are in a table too
    assertThat(html).contains("2025-W46", "USD 31,502.70", "41.7%", "72.5");
  }

  @Test
  void chartsAreNotBlank() {
    BufferedImage image = image(Charts.utilizationDistribution(PAGE.utilization()));
    // the tallest bar (10–30%) is drawn in the bar colour somewhere in the middle of the plot
    int colored = 0;
    for (int x = 0; x < image.getWidth(); x += 4) {
      for (int y = 0; y < image.getHeight(); y += 4) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == 0x1F4E79) {
          colored++;
        }
      }
    }
    assertThat(colored).isGreaterThan(500);
  }

  private static BufferedImage image(ChartImage chart) {
    try {
      return ImageIO.read(new ByteArrayInputStream(chart.png()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
