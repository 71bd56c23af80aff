package io.fleetcost.report;

/** Findings of one severity in the newest scan, in {@link Security#bySeverity()}. */
public record SeverityCount(String severity, long findings) {}
