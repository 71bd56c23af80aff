package io.fleetcost.report;

/** A figure a computation starts from, as the evidence records it. */
public record ComputationInput(String name, String value) {}
