package io.fleetcost.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A date written {@code YYYY-MM-DD} in a job file, and nothing else: YAML gives an unquoted {@code
 * 2026-11-14} as text, and a number ({@code 20261114}) or an impossible date ({@code 2026-02-30})
 * is an error at the value's line.
 */
final class IsoDateDeserializer extends JsonDeserializer<LocalDate> {
  @Override
  public LocalDate deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText().trim() : null;
    if (text != null && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        // an impossible day of the month, reported below
      }
    }
    return (LocalDate)
        context.reportInputMismatch(
            LocalDate.class, "expected a date YYYY-MM-DD, got '%s'", parser.getText());
  }
}
