package io.fleetcost.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column a reader uses, under the canonical name the reader refers to it by, with the other names
 * it goes by in real exports (schema vintages, casing, snake_case).
 */
public record SourceColumn(String name, List<String> aliases, boolean required) {
  public SourceColumn {
    Objects.requireNonNull(name, "name is null");
    aliases = List.copyOf(aliases);
  }

  public static SourceColumn required(String name, String... aliases) {
    return new SourceColumn(name, List.of(aliases), true);
  }

  public static SourceColumn optional(String name, String... aliases) {
    return new SourceColumn(name, List.of(aliases), false);
  }

  /** The canonical name first, then the aliases. */
  public List<String> names() {
    List<String> names = new ArrayList<>(aliases.size() + 1);
    names.add(name);
    names.addAll(aliases);
    return names;
  }
}
