package io.fleetcost.samplefleet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Creates the text files the writers fill (UTF-8, parent folders made), and formats CSV lines. */
final class TextOutput {
  private TextOutput() {}

  static BufferedWriter create(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * One CSV record as the cloud exports write it: values quoted only when they hold a comma, a
   * quote or a line break, quotes doubled; a null is an empty field.
   */
  static void csvLine(Writer out, List<String> values, String lineEnd) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String value = values.get(i);
      if (value == null) {
        continue;
      }
      if (value.indexOf(',') >= 0
          || value.indexOf('"') >= 0
          || value.indexOf('\n') >= 0
          || value.indexOf('\r') >= 0) {
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(value);
      }
    }
    out.write(lineEnd);
  }

  static UncheckedIOException cannotWrite(Path file, IOException e) {
    return new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
  }
}
