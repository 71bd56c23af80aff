package io.fleetcost.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One FOCUS 1.2 column's requirements as the specification states them, read from the test resource
 * {@code focus-1.2-columns.tsv} (which names its source, the section numbering and the licence).
 *
 * @param section the column's section number in the specification (3.1 to 3.57: the Columns
 *     chapter)
 * @param allowedValues empty when the column has none; null when it has a list the resource does
 *     not copy
 */
record FocusColumnRequirement(
    String section,
    String columnId,
    String sourceFile,
    String columnType,
    String featureLevel,
    boolean allowsNulls,
    String dataType,
    String valueFormat,
    Set<String> allowedValues) {
  static final String RESOURCE = "focus-1.2-columns.tsv";

  boolean mandatory() {
    return featureLevel.equals("Mandatory");
  }

  /** "FOCUS 1.2 §3.2 (billedcost.md)": where the requirement is written in the specification. */
  String citation() {
    return "FOCUS 1.2 §" + section + " (" + sourceFile + ")";
  }

  /** The 57 columns of FOCUS 1.2 by column id, in the specification's order. */
  static Map<String, FocusColumnRequirement> all() {
    try (InputStream in = FocusColumnRequirement.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + RESOURCE);
      }
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.startsWith("#") && !l.isBlank())
              .toList();
      Map<String, FocusColumnRequirement> columns = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t", -1);
        String allowed = cells[8];
        Set<String> values =
            allowed.equals("*")
                ? null
                : allowed.equals("-")
                    ? Set.of()
                    : Arrays.stream(allowed.split(",")).collect(Collectors.toUnmodifiableSet());
        columns.put(
            cells[1],
            new FocusColumnRequirement(
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                cells[4],
                Boolean.parseBoolean(cells[5]),
                cells[6],
                cells[7],
                values));
      }
      return columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
