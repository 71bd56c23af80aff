package io.fleetcost.pull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The response bodies of a pull, as the API sent them, in order, failed attempts included: landed
 * gzipped beside the data ({@code raw/0001-GetCostAndUsage-200.json.gz}) so that a landed figure
 * can be traced to the bytes it came from.
 */
public final class RawResponses {
  /** One response. */
  public record Response(String operation, int status, byte[] body) {}

  private final List<Response> responses = new ArrayList<>();

  public synchronized void add(String operation, int status, byte[] body) {
    responses.add(new Response(operation == null ? "request" : operation, status, body.clone()));
  }

  public synchronized List<Response> responses() {
    return List.copyOf(responses);
  }

  /** Writes every response into {@code folder}, named by its number, operation and status. */
  public synchronized List<Path> write(Path folder, String extension) throws IOException {
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < responses.size(); i++) {
      Response response = responses.get(i);
      Path file =
          folder.resolve(
              String.format(
                  "%04d-%s-%d.%s.gz", i + 1, response.operation(), response.status(), extension));
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(response.body());
      }
      written.add(file);
    }
    return written;
  }
}
