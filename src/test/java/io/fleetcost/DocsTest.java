package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is the entry point and docs/ the reference: the README stays short, links every doc,
 * and no relative link or image of the README or a doc points at a file that is not there (or, with
 * {@code #anchor}, at a heading that is not there, as GitHub names headings).
 */
class DocsTest {
  static final int README_MAX_LINES = 150;

  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
  static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

  @Test
  void theReadmeIsAtMost150Lines() throws IOException {
    List<String> lines = Files.readAllLines(TestPaths.PROJECT.resolve("README.md"));
    assertThat(lines.size())
        .as("README.md lines (move the detail into docs/)")
        .isLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void theReadmeLinksEveryDoc() throws IOException {
    Path readme = TestPaths.PROJECT.resolve("README.md");
    Set<Path> linked = new LinkedHashSet<>();
    for (String target : links(Files.readString(readme))) {
      local(readme, target).ifPresent(linked::add);
    }
    List<Path> docs = docs(TestPaths.PROJECT);
    assertThat(docs).as("docs/*.md").hasSizeGreaterThanOrEqualTo(8);
    assertThat(docs)
        .as("docs/*.md not linked from README.md")
        .allSatisfy(doc -> assertThat(linked).contains(doc));
  }

  @Test
  void everyRelativeLinkAndImageOfTheReadmeAndTheDocsResolves() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(TestPaths.PROJECT.resolve("README.md"));
    files.addAll(docs(TestPaths.PROJECT));
    List<String> broken = brokenLinks(files);
    assertThat(broken).as("links and images that point at nothing").isEmpty();
    int checked = files.stream().mapToInt(f -> links(read(f)).size()).sum();
    assertThat(checked).as("links checked").isGreaterThan(50);
  }

  @Test
  void theGuardsFindABrokenLinkAMissingAnchorAndAnUnlinkedDoc(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("docs/img"));
    Files.writeString(dir.resolve("docs/img/a.png"), "png");
    Files.writeString(
        dir.resolve("docs/a.md"),
        "# A doc\n\n## The `x_` columns: one, two\n\n![pic](img/a.png) [b](b.md#the-b) [self](#the-x_-columns-one-two)\n"
            + "[wrapped\nlink](c.md#nowhere)\n```\n# not a heading\n[in code](nowhere.md)\n```\n`[inline](nowhere.md)`\n");
    Files.writeString(
        dir.resolve("docs/b.md"),
        "# The B\n\n[gone](../missing.md) [no anchor](a.md#not-there) [web](https://example.com/x)\n");
    Files.writeString(dir.resolve("docs/c.md"), "# C\n");
    Files.writeString(dir.resolve("README.md"), "# R\n\n[a](docs/a.md) [b](docs/b.md)\n");

    List<String> broken =
        brokenLinks(
            List.of(dir.resolve("README.md"), dir.resolve("docs/a.md"), dir.resolve("docs/b.md")));
    assertThat(broken)
        .containsExactly(
            "docs/a.md: c.md#nowhere (no such heading)",
            "docs/b.md: ../missing.md (no such file)",
            "docs/b.md: a.md#not-there (no such heading)");

    Set<Path> linked = new LinkedHashSet<>();
    for (String target : links(Files.readString(dir.resolve("README.md")))) {
      local(dir.resolve("README.md"), target).ifPresent(linked::add);
    }
    assertThat(docs(dir))
        .filteredOn(doc -> !linked.contains(doc))
        .containsExactly(dir.resolve("docs/c.md"));
  }

  /** The docs: every {@code .md} file directly in {@code docs/}. */
  static List<Path> docs(Path project) throws IOException {
    try (Stream<Path> files = Files.list(project.resolve("docs"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".md"))
          .map(Path::normalize)
          .sorted()
          .toList();
    }
  }

  static List<String> brokenLinks(List<Path> files) {
    Path root = files.get(0).getParent();
    List<String> broken = new ArrayList<>();
    for (Path file : files) {
      for (String target : links(read(file))) {
        Path resolved = local(file, target).orElse(null);
        if (resolved == null) {
          continue;
        }
        String where = root.relativize(file) + ": " + target;
        if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
          continue;
        }
        int hash = target.indexOf('#');
        if (hash >= 0
            && resolved.toString().endsWith(".md")
            && !anchors(read(resolved)).contains(target.substring(hash + 1))) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    return broken;
  }

  /**
   * The link targets of a Markdown text, outside fenced code blocks and inline code (a link's text
   * may wrap).
   */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    Matcher m = LINK.matcher(String.join("\n", prose(markdown)).replaceAll("`[^`]*`", "``"));
    while (m.find()) {
      targets.add(m.group(1));
    }
    return targets;
  }

  /**
   * The file a relative target points at (the linking file itself for {@code #anchor}); empty for
   * URLs.
   */
  static Optional<Path> local(Path from, String target) {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return Optional.empty();
    }
    int hash = target.indexOf('#');
    String path = hash >= 0 ? target.substring(0, hash) : target;
    return Optional.of(
        path.isEmpty() ? from.normalize() : from.getParent().resolve(path).normalize());
  }

  /**
   * GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as
   * hyphens, -1, -2 for repeats.
   */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(markdown)) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        String slug =
            m.group(1)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return anchors;
  }

  /** The lines outside fenced code blocks. */
  static List<String> prose(String markdown) {
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        lines.add(line);
      }
    }
    return lines;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
