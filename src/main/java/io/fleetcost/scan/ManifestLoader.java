package io.fleetcost.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Kubernetes manifests from files and folders (recursively): multi-document YAML, JSON,
 * {@code List} kinds ({@code kubectl get -o yaml} dumps) and Helm's rendered output. A document
 * that cannot be parsed is reported with its file and index, and the rest of that file is given up
 * (a YAML stream cannot be resynchronised after a syntax error); a document that is not a
 * Kubernetes object (no {@code kind}) is reported and skipped; nothing throws. Files over {@code
 * maxBytes} are skipped with the reason, before they are read.
 */
final class ManifestLoader {
  static final String TOO_LARGE = "larger than the limit";

  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private final long maxBytes;
  private final ObjectMapper yaml;
  private final ObjectMapper json;

  ManifestLoader() {
    this(DEFAULT_MAX_BYTES);
  }

  ManifestLoader(long maxBytes) {
    this.maxBytes = maxBytes;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
    options.setMaxAliasesForCollections(
        50); // a "billion laughs" document fails instead of exhausting memory
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxDocumentLength(maxBytes)
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
            .build();
    this.yaml =
        new ObjectMapper(
            YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(constraints)
                .build());
    this.json = new ObjectMapper();
    json.getFactory().setStreamReadConstraints(constraints);
  }

  /** What a load found: the objects, and every file with its status. */
  public record Loaded(List<Manifest> manifests, List<ScannedFile> files) {
    public Loaded {
      manifests = List.copyOf(manifests);
      files = List.copyOf(files);
    }
  }

  public Loaded load(List<Path> roots) {
    List<Manifest> manifests = new ArrayList<>();
    List<ScannedFile> files = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        files.add(
            new ScannedFile(
                root.toString(),
                ScannedFile.Status.ERROR,
                0,
                0,
                0,
                List.of("no such file or folder")));
        continue;
      }
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
            if (hidden(root, path)) {
              continue;
            }
            if (EXTENSIONS.stream()
                .anyMatch(
                    e -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e))) {
              files.add(loadFile(path, manifests));
            } else {
              files.add(
                  new ScannedFile(
                      path.toString(),
                      ScannedFile.Status.SKIPPED,
                      0,
                      0,
                      0,
                      List.of("not a .yaml, .yml or .json file")));
            }
          }
        } catch (IOException e) {
          files.add(
              new ScannedFile(
                  root.toString(),
                  ScannedFile.Status.ERROR,
                  0,
                  0,
                  0,
                  List.of("cannot list the folder: " + e.getMessage())));
        }
      } else {
        files.add(loadFile(root, manifests));
      }
    }
    return new Loaded(manifests, files);
  }

  private static boolean hidden(Path root, Path path) {
    for (Path part : root.relativize(path)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  ScannedFile loadFile(Path path, List<Manifest> out) {
    String file = path.toString();
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      return new ScannedFile(
          file, ScannedFile.Status.ERROR, 0, 0, 0, List.of("cannot read: " + e.getMessage()));
    }
    if (size > maxBytes) {
      return new ScannedFile(
          file,
          ScannedFile.Status.SKIPPED,
          0,
          0,
          0,
          List.of(
              String.format(
                  Locale.ROOT, "%,d bytes: " + TOO_LARGE + " of %,d bytes", size, maxBytes)));
    }
    DocumentsRead read = readDocuments(path, out);
    ScannedFile.Status status =
        !read.broken()
            ? ScannedFile.Status.READ
            : read.documents() > 0 ? ScannedFile.Status.PARTLY_READ : ScannedFile.Status.ERROR;
    return new ScannedFile(file, status, read.documents(), read.objects(), 0, read.problems());
  }

  /**
   * What reading a file's documents found: how many documents were parsed and objects taken,
   * whether a syntax error ended the reading, and the problems.
   */
  private record DocumentsRead(int documents, int objects, boolean broken, List<String> problems) {}

  /** Reads the documents of a file in order, up to the first that cannot be parsed. */
  private DocumentsRead readDocuments(Path path, List<Manifest> out) {
    String file = path.toString();
    boolean isJson = file.toLowerCase(Locale.ROOT).endsWith(".json");
    List<String> problems = new ArrayList<>();
    int documents = 0;
    int objects = 0;
    boolean broken = false;
    try (InputStream in = Files.newInputStream(path);
        JsonParser parser = (isJson ? json : yaml).createParser(in);
        MappingIterator<JsonNode> docs =
            (isJson ? json : yaml).readValues(parser, JsonNode.class)) {
      while (true) {
        JsonNode doc;
        try {
          if (!docs.hasNextValue()) {
            break;
          }
          doc = docs.nextValue();
        } catch (IOException | RuntimeException e) {
          problems.add(
              "document "
                  + documents
                  + ": not valid "
                  + (isJson ? "JSON" : "YAML")
                  + describe(e)
                  + (documents > 0
                      ? " (documents 0-"
                          + (documents - 1)
                          + " were read; the rest of the file is not)"
                      : ""));
          broken = true;
          break;
        }
        int index = documents++;
        objects += objectsOf(file, index, doc, problems, out);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          "document " + documents + ": not valid " + (isJson ? "JSON" : "YAML") + describe(e));
      broken = true;
    }
    return new DocumentsRead(documents, objects, broken, problems);
  }

  private static int objectsOf(
      String file, int index, JsonNode doc, List<String> problems, List<Manifest> out) {
    if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
      return 0; // an empty document between separators
    }
    if (!doc.isObject()) {
      problems.add(
          "document "
              + index
              + ": not a Kubernetes object (a "
              + doc.getNodeType().name().toLowerCase(Locale.ROOT)
              + ")");
      return 0;
    }
    String kind = doc.path("kind").asText("");
    if (kind.isBlank()) {
      problems.add("document " + index + ": not a Kubernetes object (no kind)");
      return 0;
    }
    if (kind.endsWith("List") && doc.path("items").isArray()) {
      int count = 0;
      JsonNode items = doc.path("items");
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (!item.isObject() || item.path("kind").asText("").isBlank()) {
          problems.add(
              "document " + index + ", items[" + i + "]: not a Kubernetes object (no kind)");
          continue;
        }
        out.add(manifest(file, index, "items[" + i + "].", item));
        count++;
      }
      return count;
    }
    out.add(manifest(file, index, "", doc));
    return 1;
  }

  private static Manifest manifest(String file, int index, String prefix, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return new Manifest(
        file,
        index,
        prefix,
        object.path("apiVersion").asText(null),
        object.path("kind").asText(),
        metadata.path("namespace").isTextual() ? metadata.path("namespace").asText() : null,
        metadata.path("name").asText(metadata.path("generateName").asText("")),
        object);
  }

  private static String describe(Exception e) {
    String where = "";
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
        && processing.getLocation() != null
        && processing.getLocation().getLineNr() > 0) {
      where = " at line " + processing.getLocation().getLineNr();
    }
    String message =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
            ? processing.getOriginalMessage()
            : e.getMessage();
    return where + ": " + firstLine(message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.strip();
    int newline = line.indexOf('\n');
    return newline > 0 ? line.substring(0, newline) : line;
  }
}
