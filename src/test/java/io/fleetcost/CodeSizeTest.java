package io.fleetcost;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No main class over {@value #CLASS_MAX_LINES} lines and no main method over {@value
 * #METHOD_MAX_LINES} lines, except those listed, each with its reason, in the "Code size" table of
 * {@code docs/development.md}. Sizes are measured on the parsed source (javac's tree API): a
 * top-level type from its first modifier to its closing brace, a method (or constructor) from its
 * first modifier to its closing brace, comments and blank lines inside included. A listed entry may
 * not grow past its listed size, and an entry that no longer needs listing must be removed, so the
 * table only shrinks.
 */
class CodeSizeTest {
  static final int CLASS_MAX_LINES = 400;
  static final int METHOD_MAX_LINES = 60;

  static final Path MAIN_SOURCES = TestPaths.PROJECT.resolve("src/main/java");
  static final Path DEVELOPMENT_DOC = TestPaths.PROJECT.resolve("docs/development.md");

  /** {@code | class | io.fleetcost.x.Name | 512 | why |} or the same with {@code method}. */
  static final Pattern ROW =
      Pattern.compile(
          "^\\|\\s*(class|method)\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*(\\d+)\\s*\\|(.*)\\|\\s*$");

  record Size(String kind, String name, int lines) {}

  record Listed(String kind, String name, int lines, String why) {}

  @Test
  void everyMainClassAndMethodIsWithinItsLimitOrADocumentedException() throws IOException {
    Map<String, Size> oversized = new LinkedHashMap<>();
    for (Size size : measure(MAIN_SOURCES)) {
      int limit = size.kind().equals("class") ? CLASS_MAX_LINES : METHOD_MAX_LINES;
      if (size.lines() > limit) {
        oversized.put(size.kind() + " " + size.name(), size);
      }
    }
    Map<String, Listed> exceptions = exceptions(Files.readString(DEVELOPMENT_DOC));

    List<String> problems = new ArrayList<>();
    for (Size size : oversized.values()) {
      Listed listed = exceptions.get(size.kind() + " " + size.name());
      if (listed == null) {
        problems.add(
            String.format(
                "%s %s has %d lines (limit %d): split it, or list it with its reason",
                size.kind(),
                size.name(),
                size.lines(),
                size.kind().equals("class") ? CLASS_MAX_LINES : METHOD_MAX_LINES));
      } else if (size.lines() > listed.lines()) {
        problems.add(
            String.format(
                "%s %s grew to %d lines, past the %d listed",
                size.kind(), size.name(), size.lines(), listed.lines()));
      }
    }
    for (Listed listed : exceptions.values()) {
      if (!oversized.containsKey(listed.kind() + " " + listed.name())) {
        problems.add(
            String.format(
                "%s %s is listed but is within its limit now (or gone): remove its row",
                listed.kind(), listed.name()));
      } else if (listed.why().isBlank()) {
        problems.add(
            String.format("%s %s is listed without a reason", listed.kind(), listed.name()));
      }
    }
    assertThat(problems)
        .as(
            "code size against the table in docs/development.md; the oversized ones now:%n%s",
            oversized.values().stream()
                .map(s -> String.format("| %s | `%s` | %d | |", s.kind(), s.name(), s.lines()))
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }

  @Test
  void theMeasureFindsAnOversizedClassAndMethodInPlantedSource() throws IOException {
    Path root = Files.createTempDirectory("code-size");
    Path file = root.resolve("p/Big.java");
    Files.createDirectories(file.getParent());
    StringBuilder source =
        new StringBuilder("package p;\n\npublic class Big {\n  void small() {}\n\n");
    source.append("  int long() {\n    int x = 0;\n");
    for (int i = 0; i < 70; i++) {
      source.append("    x += ").append(i).append(";\n");
    }
    source.append("    return x;\n  }\n");
    for (int i = 0; i < 340; i++) {
      source.append("  // filler ").append(i).append('\n');
    }
    source.append("  static class Inner {\n    void m() {}\n  }\n}\n");
    Files.writeString(file, source.toString().replace("int long()", "int lengthy()"));

    List<Size> sizes = measure(root);

    // the class: 3 header lines, "void small() {}", a blank, the method's 74 lines, 340 fillers,
    // 3 lines of Inner and the closing brace: 1 + 1 + 1 + 74 + 340 + 3 + 1 = 421 from "public
    // class".
    assertThat(sizes).contains(new Size("class", "p.Big", 421));
    // the method: its signature, "int x = 0;", 70 additions, the return and the closing brace.
    assertThat(sizes).contains(new Size("method", "p.Big.lengthy", 74));
    assertThat(sizes).contains(new Size("method", "p.Big.small", 1));
    assertThat(sizes).contains(new Size("method", "p.Big.Inner.m", 1));
    assertThat(sizes).noneMatch(s -> s.kind().equals("class") && s.name().equals("p.Big.Inner"));
  }

  @Test
  void theTableIsReadWithItsReasons() {
    String doc =
        String.join(
            "\n",
            "| kind | name | lines | why |",
            "| --- | --- | --- | --- |",
            "| class | `io.fleetcost.a.B` | 512 | one reason |",
            "| method | `io.fleetcost.a.B.c` | 70 |  |",
            "| other | `x` | 1 | ignored |");
    Map<String, Listed> exceptions = exceptions(doc);
    assertThat(exceptions).containsOnlyKeys("class io.fleetcost.a.B", "method io.fleetcost.a.B.c");
    assertThat(exceptions.get("class io.fleetcost.a.B"))
        .isEqualTo(new Listed("class", "io.fleetcost.a.B", 512, "one reason"));
    assertThat(exceptions.get("method io.fleetcost.a.B.c").why()).isBlank();
  }

  static Map<String, Listed> exceptions(String doc) {
    Map<String, Listed> exceptions = new LinkedHashMap<>();
    for (String line : doc.split("\n", -1)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        Listed exception =
            new Listed(
                row.group(1), row.group(2), Integer.parseInt(row.group(3)), row.group(4).strip());
        exceptions.put(exception.kind() + " " + exception.name(), exception);
      }
    }
    return exceptions;
  }

  /**
   * Every top-level type and every method with a body, named by package, enclosing types and name.
   * Overloads share a name, and the larger counts.
   */
  static List<Size> measure(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Map<String, Size> sizes = new LinkedHashMap<>();
    try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              compiler.getTask(
                  null,
                  fileManager,
                  null,
                  List.of("-proc:none"),
                  null,
                  fileManager.getJavaFileObjectsFromPaths(files));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
        new TreeScanner<Void, Void>() {
          final Deque<String> types = new ArrayDeque<>();

          int span(Tree tree) {
            long start = lines.getLineNumber(positions.getStartPosition(unit, tree));
            long end = lines.getLineNumber(positions.getEndPosition(unit, tree));
            return (int) (end - start + 1);
          }

          void put(Size size) {
            sizes.merge(
                size.kind() + " " + size.name(), size, (a, b) -> a.lines() >= b.lines() ? a : b);
          }

          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            String simple = tree.getSimpleName().toString();
            if (simple.isEmpty()) { // an anonymous class counts in its enclosing method
              return super.visitClass(tree, unused);
            }
            types.addLast(simple);
            if (types.size() == 1) {
              put(new Size("class", pkg + simple, span(tree)));
            }
            super.visitClass(tree, unused);
            types.removeLast();
            return null;
          }

          @Override
          public Void visitMethod(MethodTree tree, Void unused) {
            if (tree.getBody() != null) {
              put(
                  new Size(
                      "method", pkg + String.join(".", types) + "." + tree.getName(), span(tree)));
            }
            return super.visitMethod(tree, unused);
          }
        }.scan(unit, null);
      }
    }
    return new ArrayList<>(sizes.values());
  }
}
