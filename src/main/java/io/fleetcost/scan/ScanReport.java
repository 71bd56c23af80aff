package io.fleetcost.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scan as JSON (for {@code fleetcost scan --format json}, {@code security/findings.json} of a
 * run and {@code summary.json}'s {@code security_posture}): {@code score}, {@code compliance_pct},
 * {@code findings} (ranked), {@code files} (every file read, with or without findings), {@code
 * checks} (counts per check), {@code exemptions} and, for several clusters, {@code clusters}.
 */
public final class ScanReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScanReport() {}

  public static Map<String, Object> finding(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check_id", f.check().id());
    m.put("title", f.check().title());
    m.put("severity", f.severity().label());
    m.put("weight", f.check().weight());
    m.put("category", f.check().category());
    m.put("file", f.file());
    m.put("doc_index", f.docIndex());
    m.put("kind", f.kind());
    m.put("namespace", f.namespace());
    m.put("name", f.name());
    m.put("path", f.path());
    m.put("message", f.message());
    m.put("fix", f.check().fix());
    Map<String, Object> peers = new LinkedHashMap<>();
    peers.put("polaris", f.check().polaris());
    peers.put("kubescape", f.check().kubescape());
    m.put("peer_ids", peers);
    m.put("related", new TreeMap<>(f.related()));
    return m;
  }

  public static Map<String, Object> check(CheckResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check_id", r.check().id());
    m.put("title", r.check().title());
    m.put("category", r.check().category());
    m.put("severity", r.check().severity().label());
    m.put("weight", r.check().weight());
    m.put("evaluated", r.evaluated());
    m.put("failed", r.failed());
    m.put("exempted", r.exempted());
    m.put("compliance_pct", r.compliancePct() == null ? null : Scores.round1(r.compliancePct()));
    Map<String, Object> peers = new LinkedHashMap<>();
    peers.put("polaris", r.check().polaris());
    peers.put("kubescape", r.check().kubescape());
    m.put("peer_ids", peers);
    return m;
  }

  public static Map<String, Object> of(ScanResult result, List<ScanResult> clusters) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", result.score());
    m.put("compliance_pct", result.compliancePct());
    m.put("score_text", result.scoreText());
    m.put("partial", result.partial());
    m.put("files_not_read", result.filesNotRead());
    m.put(
        "score_formula",
        "100 x (1 - sum(weight x failed) / sum(weight x evaluated)) over the checks that evaluated something");
    m.put(
        "compliance_formula",
        "mean over the checks that evaluated something of 100 x passed / evaluated");
    List<Map<String, Object>> findings = new ArrayList<>();
    result.findings().forEach(f -> findings.add(finding(f)));
    m.put("findings", findings);
    m.put("files", result.files());
    List<Map<String, Object>> checks = new ArrayList<>();
    result.checks().forEach(c -> checks.add(check(c)));
    m.put("checks", checks);
    m.put("exemptions", result.exemptions());
    if (clusters.size() > 1) {
      List<Map<String, Object>> parts = new ArrayList<>();
      for (ScanResult c : clusters) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("name", c.name());
        part.put("score", c.score());
        part.put("compliance_pct", c.compliancePct());
        part.put("partial", c.partial());
        part.put("findings", c.findings().size());
        part.put("files", c.files().size());
        parts.add(part);
      }
      m.put("clusters", parts);
    }
    return m;
  }

  public static String json(ScanResult result, List<ScanResult> clusters) {
    try {
      return JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(snakeCase(of(result, clusters)))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the scan as JSON: " + e.getMessage(), e);
    }
  }

  /** Records (files, exemptions) as snake_case maps, like the rest. */
  private static Object snakeCase(Object value) {
    ObjectMapper snake =
        new ObjectMapper()
            .setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
    return snake.convertValue(value, Object.class);
  }
}
