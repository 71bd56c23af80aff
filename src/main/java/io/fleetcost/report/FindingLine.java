package io.fleetcost.report;

/** One of the newest scan's top findings, in {@link Security#top()}. */
public record FindingLine(
    String severity,
    String checkId,
    String title,
    String resource,
    String file,
    String path,
    String fix) {}
