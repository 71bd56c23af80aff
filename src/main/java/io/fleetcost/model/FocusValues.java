package io.fleetcost.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Case-insensitive lookup of FOCUS enumerated values and their synonyms. */
public final class FocusValues {
  private FocusValues() {}

  /**
   * Every accepted spelling, in lower case with surrounding blanks removed, mapped to the FOCUS
   * spelling. This is the table the Spark readers turn into a column expression.
   */
  public static <E extends Enum<E> & FocusValue> Map<String, String> spellings(Class<E> type) {
    Map<String, String> spellings = new LinkedHashMap<>();
    for (E value : type.getEnumConstants()) {
      spellings.put(key(value.focusName()), value.focusName());
      for (String synonym : value.synonyms()) {
        spellings.put(key(synonym), value.focusName());
      }
    }
    return Map.copyOf(spellings);
  }

  public static <E extends Enum<E> & FocusValue> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = spellings(type).get(key(text));
    if (wanted == null) {
      return Optional.empty();
    }
    for (E value : type.getEnumConstants()) {
      if (value.focusName().equals(wanted)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  static String key(String text) {
    return text.trim().toLowerCase(Locale.ROOT);
  }
}
