package io.fleetcost.history;

import java.util.Locale;

/**
 * Where an identified opportunity stands on a run date ({@link RealizedRow#status()}). The {@code
 * realized_savings} table stores {@link #value()}: {@code open}, {@code in_progress}, {@code
 * realized}, {@code dismissed}.
 */
public enum SavingStatus {
  /** Still identified; the bill shows no drop from the baseline yet. */
  OPEN,
  /** Still identified; the bill already shows a drop (someone started acting on it). */
  IN_PROGRESS,
  /** No longer identified, and the bill dropped. */
  REALIZED,
  /** No longer identified, and the bill did not drop. */
  DISMISSED;

  /** The stored text: the name in lower case ({@code in_progress}). */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The text in reports: {@code in progress}. */
  public String label() {
    return value().replace('_', ' ');
  }

  /** Still identified: its row moves to the next run date with its identification and baseline. */
  public boolean isOpen() {
    return this == OPEN || this == IN_PROGRESS;
  }

  /**
   * The status whose {@link #value()} is {@code value}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static SavingStatus of(String value) {
    for (SavingStatus status : values()) {
      if (status.value().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("Unknown saving status: " + value);
  }
}
