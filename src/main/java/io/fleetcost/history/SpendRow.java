package io.fleetcost.history;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the {@code daily_spend} history table: a day's spend of one provider, account, service
 * and team, as the run of {@code runDate} saw the bill (a later run sees restatements; reports use
 * each day's newest view).
 *
 * @param team the owner tag's value ({@code savings.owner-tags}), or {@code (untagged)}
 * @param effectiveCostUsd EffectiveCost in USD at the job's exchange rate; null when the job has no
 *     rate for the currency
 */
public record SpendRow(
    LocalDate runDate,
    LocalDate usageDate,
    String provider,
    String billingAccountId,
    String subAccountId,
    String service,
    String team,
    String currency,
    BigDecimal billedCost,
    BigDecimal effectiveCost,
    BigDecimal effectiveCostUsd,
    long rows) {}
