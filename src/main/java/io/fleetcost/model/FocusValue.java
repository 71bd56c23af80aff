package io.fleetcost.model;

import java.util.List;

/**
 * A value of one of FOCUS's enumerated columns, with the spellings that mean it in real exports.
 */
public interface FocusValue {
  /** The value exactly as FOCUS 1.2 spells it. */
  String focusName();

  /**
   * Other spellings seen in real files (older FOCUS versions, provider vocabularies); compared
   * case-insensitively.
   */
  default List<String> synonyms() {
    return List.of();
  }
}
