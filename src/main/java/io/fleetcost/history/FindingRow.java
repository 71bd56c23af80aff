package io.fleetcost.history;

import java.time.LocalDate;

/** One row of the {@code security_findings} history table. */
public record FindingRow(
    LocalDate runDate,
    String checkId,
    String title,
    String severity,
    int weight,
    String file,
    int docIndex,
    String kind,
    String namespace,
    String name,
    String path,
    String message,
    String fix) {}
