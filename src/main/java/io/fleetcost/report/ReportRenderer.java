package io.fleetcost.report;

import com.lowagie.text.pdf.BaseFont;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.xhtmlrenderer.pdf.ITextRenderer;

/**
 * Renders the monthly report and the trends page to self-contained HTML (UTF-8 XHTML, the
 * stylesheet and the charts inlined) with the Thymeleaf templates shipped under {@code
 * io/fleetcost/templates/}, and the same HTML to PDF with Flying Saucer.
 *
 * <p>The PDF embeds DejaVu Sans, read from the system's font directory; the runtime image must
 * install it (Debian: {@code fonts-dejavu-core}, Alpine: {@code font-dejavu}). Without it the PDF
 * falls back to the PDF viewer's built-in Helvetica (not embedded, Latin-1 only) and a warning is
 * logged.
 *
 * <p>Thread-safe: one instance can render many reports.
 */
public final class ReportRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(ReportRenderer.class);
  private static final String TEMPLATES = "io/fleetcost/templates/";

  /** Where Debian/Ubuntu, Fedora and Alpine put the DejaVu fonts. */
  static final List<Path> FONT_DIRECTORIES =
      List.of(
          Path.of("/usr/share/fonts/truetype/dejavu"),
          Path.of("/usr/share/fonts/dejavu"),
          Path.of("/usr/share/fonts/TTF"));

  private static final List<String> FONT_FILES =
      List.of(
          "DejaVuSans.ttf",
          "DejaVuSans-Bold.ttf",
          "DejaVuSans-Oblique.ttf",
          "DejaVuSans-BoldOblique.ttf",
          "DejaVuSansMono.ttf");

  private final TemplateEngine engine;
  private final String stylesheet;
  private final List<Path> fonts;

  /** Renders with the DejaVu fonts found in the usual system font directories. */
  public ReportRenderer() {
    this(FONT_DIRECTORIES);
  }

  /**
   * Renders with the DejaVu fonts found in {@code fontDirectories} (the first directory that has
   * each file).
   */
  ReportRenderer(List<Path> fontDirectories) {
    ClassLoaderTemplateResolver resolver =
        new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
    resolver.setPrefix(TEMPLATES);
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCacheable(true);
    engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    stylesheet = stylesheet();
    fonts = fonts(fontDirectories);
  }

  /** The monthly report as a self-contained XHTML page. */
  public String monthlyReportHtml(MonthlyReport report) {
    Objects.requireNonNull(report, "report is null");
    Map<String, ChartImage> charts = new LinkedHashMap<>();
    charts.put("spendByProvider", Charts.spendByProvider(report.spendBreakdowns().get(0)));
    charts.put("waterfall", Charts.waterfall(report.waterfall()));
    charts.put("securityTrend", Charts.securityTrend(report.security().trend()));
    Context context = context(report.options(), charts);
    context.setVariable("report", report);
    return engine.process("monthly-report", context);
  }

  /** The monthly report as PDF, laid out from {@link #monthlyReportHtml(MonthlyReport)}. */
  public byte[] monthlyReportPdf(MonthlyReport report) {
    return pdf(monthlyReportHtml(report));
  }

  /** The trends page as a self-contained XHTML page. */
  public String trendsHtml(TrendsPage page) {
    Objects.requireNonNull(page, "page is null");
    Map<String, ChartImage> charts = new LinkedHashMap<>();
    charts.put("savingsTrend", Charts.savingsTrend(page.weekly()));
    charts.put("utilizationDistribution", Charts.utilizationDistribution(page.utilization()));
    charts.put("utilizationTrend", Charts.utilizationTrend(page.utilizationTrend()));
    charts.put("securityTrend", Charts.securityTrend(page.securityTrend()));
    Context context = context(page.options(), charts);
    context.setVariable("page", page);
    return engine.process("trends", context);
  }

  /** The trends page as PDF, laid out from {@link #trendsHtml(TrendsPage)}. */
  public byte[] trendsPdf(TrendsPage page) {
    return pdf(trendsHtml(page));
  }

  /** Lays out an XHTML page of these templates as PDF, embedding the fonts found. */
  byte[] pdf(String xhtml) {
    ITextRenderer renderer = new ITextRenderer();
    for (Path font : fonts) {
      try {
        renderer.getFontResolver().addFont(font.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot embed the font " + font, e);
      }
    }
    renderer.setDocumentFromString(xhtml);
    renderer.layout();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.createPDF(out);
    return out.toByteArray();
  }

  /** The fonts the PDF embeds; empty when DejaVu Sans is not installed. */
  List<Path> fonts() {
    return fonts;
  }

  private Context context(ReportOptions options, Map<String, ChartImage> charts) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("fmt", new ReportText(options.currency()));
    context.setVariable("rows", new TableRows());
    context.setVariable("charts", charts);
    context.setVariable("stylesheet", stylesheet);
    context.setVariable("pageSize", options.pageSize().css());
    return context;
  }

  private static String stylesheet() {
    String name = TEMPLATES + "report.css";
    try (InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot render reports: " + name + " is not on the classpath");
      }
      String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (css.contains("<") || css.contains("&")) {
        throw new IllegalStateException(
            "Cannot render reports: " + name + " contains '<' or '&', which would break the XHTML");
      }
      return css;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  private static List<Path> fonts(List<Path> directories) {
    List<Path> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String file : FONT_FILES) {
      directories.stream()
          .map(directory -> directory.resolve(file))
          .filter(Files::isReadable)
          .findFirst()
          .ifPresentOrElse(found::add, () -> missing.add(file));
    }
    if (!missing.isEmpty()) {
      LOG.warn(
          "DejaVu fonts missing ({}) in {}: PDF reports fall back to the built-in, non-embedded fonts; install fonts-dejavu in the image",
          String.join(", ", missing),
          directories);
    }
    return List.copyOf(found);
  }
}
