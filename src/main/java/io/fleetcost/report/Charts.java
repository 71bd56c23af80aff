package io.fleetcost.report;

import io.fleetcost.report.MonthlyReport.SpendBreakdown;
import io.fleetcost.report.MonthlyReport.SpendLine;
import io.fleetcost.report.TrendsPage.SavingsPoint;
import io.fleetcost.report.TrendsPage.UtilizationBucket;
import io.fleetcost.report.TrendsPage.UtilizationPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.WaterfallBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report charts, drawn with JFreeChart into PNGs of a fixed size (1000 × 440 px) in DejaVu
 * Sans. Headless: no display is needed.
 */
final class Charts {
  static final int WIDTH = 1000;
  static final int HEIGHT = 440;
  private static final String FONT = "DejaVu Sans";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final Color BLUE = new Color(0x1F4E79);
  private static final Color TEAL = new Color(0x2A9D8F);
  private static final Color ORANGE = new Color(0xE76F51);
  private static final Color GREY = new Color(0x8D99AE);

  private Charts() {}

  static ChartImage waterfall(Waterfall waterfall) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    data.addValue(waterfall.start(), "USD", "Current GPU cost");
    for (WaterfallStep step : waterfall.steps()) {
      data.addValue(step.saving().negate(), "USD", step.label());
    }
    data.addValue(waterfall.projected(), "USD", "Projected");
    JFreeChart chart =
        ChartFactory.createWaterfallChart(
            null, null, "USD per month", data, PlotOrientation.VERTICAL, false, false, false);
    CategoryPlot plot = styled(chart);
    WaterfallBarRenderer renderer = (WaterfallBarRenderer) plot.getRenderer();
    renderer.setFirstBarPaint(BLUE);
    renderer.setLastBarPaint(TEAL);
    renderer.setNegativeBarPaint(ORANGE);
    renderer.setPositiveBarPaint(GREY);
    renderer.setMaximumBarWidth(0.18);
    plot.getDomainAxis().setMaximumCategoryLabelLines(2);
    return png(
        chart,
        "Savings waterfall: current GPU monthly cost, the savings of each lever stage, and the projected cost");
  }

  static ChartImage spendByProvider(SpendBreakdown breakdown) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (SpendLine line : breakdown.lines()) {
      data.addValue(line.thisMonth(), "This month", line.name());
      if (line.previousMonth() != null) {
        data.addValue(line.previousMonth(), "Previous month, same days", line.name());
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            null, null, "USD", data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = styled(chart);
    plot.getRenderer().setSeriesPaint(0, BLUE);
    plot.getRenderer().setSeriesPaint(1, GREY);
    return png(chart, "Spend by provider, this month and the previous month over the same days");
  }

  static ChartImage savingsTrend(List<SavingsPoint> points) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (SavingsPoint point : points) {
      data.addValue(point.identified(), "Identified", point.period());
      data.addValue(point.realized(), "Realized", point.period());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            null, null, "USD per month", data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = styled(chart);
    plot.getRenderer().setSeriesPaint(0, BLUE);
    plot.getRenderer().setSeriesPaint(1, TEAL);
    return png(chart, "Identified and realized monthly savings per ISO week");
  }

  static ChartImage utilizationDistribution(List<UtilizationBucket> buckets) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (UtilizationBucket bucket : buckets) {
      data.addValue(bucket.gpus(), "GPUs", bucket.range());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            null,
            "Mean GPU utilization",
            "GPUs",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    CategoryPlot plot = styled(chart);
    plot.getRenderer().setSeriesPaint(0, BLUE);
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return png(chart, "GPUs by mean utilization over the as-of run's window");
  }

  /**
   * Mean utilization (left axis, percent) as a line over idle GPU-hours (right axis) as bars, per
   * run.
   */
  static ChartImage utilizationTrend(List<UtilizationPoint> points) {
    DefaultCategoryDataset utilization = new DefaultCategoryDataset();
    DefaultCategoryDataset idle = new DefaultCategoryDataset();
    for (UtilizationPoint point : points) {
      String day = DAY.format(point.runDate());
      utilization.addValue(point.meanUtilization(), "Mean GPU utilization (%)", day);
      idle.addValue(point.idleGpuHours(), "Idle GPU-hours", day);
    }
    JFreeChart chart =
        ChartFactory.createLineChart(
            null,
            null,
            "Mean utilization (%)",
            utilization,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setDataset(1, idle);
    plot.setRangeAxis(1, new NumberAxis("Idle GPU-hours"));
    plot.mapDatasetToRangeAxis(1, 1);
    BarRenderer bars = new BarRenderer();
    plot.setRenderer(1, bars);
    styled(chart);
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0xF4A261));
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
    lines(plot, BLUE);
    rotateDates(plot, points.size());
    return png(chart, "Mean GPU utilization and idle GPU-hours per run");
  }

  static ChartImage securityTrend(List<ScorePoint> points) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ScorePoint point : points) {
      data.addValue(
          point.score(),
          "Security score",
          DAY.format(point.runDate())); // no score: a gap in the line
    }
    JFreeChart chart =
        ChartFactory.createLineChart(
            null, null, "Score (0–100)", data, PlotOrientation.VERTICAL, false, false, false);
    CategoryPlot plot = styled(chart);
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
    lines(plot, ORANGE);
    rotateDates(plot, points.size());
    return png(chart, "Security score per scanned run");
  }

  private static void lines(CategoryPlot plot, Color color) {
    LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, color);
    renderer.setSeriesStroke(0, new BasicStroke(3f));
    renderer.setDefaultShapesVisible(true);
    // a run or two draw no line: a marker big enough to see, with its value
    renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
    renderer.setDefaultItemLabelGenerator(
        new org.jfree.chart.labels.StandardCategoryItemLabelGenerator(
            "{2}",
            new java.text.DecimalFormat(
                "0.0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))));
    renderer.setDefaultItemLabelsVisible(plot.getDataset().getColumnCount() <= 12);
    renderer.setDefaultItemLabelFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 13));
  }

  private static void rotateDates(CategoryPlot plot, int points) {
    if (points > 12) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
  }

  private static CategoryPlot styled(JFreeChart chart) {
    ensureHeadless();
    theme().apply(chart);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xD0D0D0));
    plot.setOutlineVisible(false);
    plot.setNoDataMessage("No data for this period");
    plot.setNoDataMessageFont(new Font(FONT, Font.PLAIN, 20));
    if (plot.getRenderer() instanceof BarRenderer bars) {
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setMaximumBarWidth(0.12);
    }
    return plot;
  }

  private static StandardChartTheme theme() {
    StandardChartTheme theme = new StandardChartTheme("FleetCost");
    theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 22));
    theme.setLargeFont(new Font(FONT, Font.PLAIN, 17));
    theme.setRegularFont(new Font(FONT, Font.PLAIN, 15));
    theme.setSmallFont(new Font(FONT, Font.PLAIN, 13));
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    return theme;
  }

  private static ChartImage png(JFreeChart chart, String alt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot draw the chart: " + alt, e);
    }
    return new ChartImage(alt, out.toByteArray(), WIDTH, HEIGHT);
  }

  /** AWT needs no display for off-screen images; set headless unless the JVM was told otherwise. */
  private static void ensureHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
