package io.fleetcost.report;

import java.time.LocalDate;

/**
 * One scanned run's posture.
 *
 * @param score null when the run scanned no manifest (nothing evaluated)
 * @param filesNotRead manifest files the scan could not read: the score is partial when above 0
 */
public record ScorePoint(LocalDate runDate, Double score, Double compliancePct, int filesNotRead) {}
