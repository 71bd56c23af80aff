package io.fleetcost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fleetcost.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The manifests in deploy/ as fabric8 Kubernetes objects (the model Spark's Kubernetes module
 * itself uses): typed where the model knows the kind, {@link GenericKubernetesResource} for custom
 * resources.
 */
final class Manifests {
  static final Path DEPLOY = TestPaths.PROJECT.resolve("deploy");
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  record Loaded(Path file, HasMetadata object) {}

  static List<Loaded> all() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    List<Loaded> loaded = new ArrayList<>();
    for (Path file : files) {
      for (HasMetadata object : load(file)) {
        loaded.add(new Loaded(file, object));
      }
    }
    return loaded;
  }

  static List<HasMetadata> load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return objects(SERIALIZATION.unmarshal(in));
    }
  }

  static List<HasMetadata> parse(String yaml) {
    return objects(SERIALIZATION.unmarshal(yaml));
  }

  private static List<HasMetadata> objects(Object parsed) {
    if (parsed instanceof KubernetesList list) {
      return list.getItems();
    }
    if (parsed instanceof List<?> list) {
      return list.stream().map(HasMetadata.class::cast).toList();
    }
    return List.of((HasMetadata) parsed);
  }

  /** The only object of this kind and name in deploy/. */
  static <T extends HasMetadata> T one(List<Loaded> all, Class<T> type, String name) {
    List<T> found =
        all.stream()
            .map(Loaded::object)
            .filter(type::isInstance)
            .map(type::cast)
            .filter(o -> o.getMetadata().getName().equals(name))
            .toList();
    assertThat(found).as("%s %s in deploy/", type.getSimpleName(), name).hasSize(1);
    return found.get(0);
  }

  static GenericKubernetesResource custom(List<Loaded> all, String kind, String name) {
    List<GenericKubernetesResource> found =
        all.stream()
            .map(Loaded::object)
            .filter(GenericKubernetesResource.class::isInstance)
            .map(GenericKubernetesResource.class::cast)
            .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
            .toList();
    assertThat(found).as("%s %s in deploy/", kind, name).hasSize(1);
    return found.get(0);
  }

  /**
   * Fields the typed model does not know (a misspelt {@code readOnlyRootFileSystem} lands in
   * additionalProperties and would be ignored by the API server's older versions, or rejected by
   * strict validation), with their paths.
   */
  static List<String> unknownFields(Object object) {
    List<String> unknown = new ArrayList<>();
    walk(object, object.getClass().getSimpleName(), unknown);
    return unknown;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value == null || value instanceof GenericKubernetesResource) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object field;
      try {
        field = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        walk(field, path + "." + getter.getName().substring(3), unknown);
      }
    }
  }
}
