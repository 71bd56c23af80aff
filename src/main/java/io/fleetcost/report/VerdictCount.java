package io.fleetcost.report;

/** Resources with one verdict, in {@link CloudRecommendations#counts()}. */
public record VerdictCount(String verdict, long resources) {}
