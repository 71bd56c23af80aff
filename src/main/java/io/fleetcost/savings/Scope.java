package io.fleetcost.savings;

import java.util.Objects;

/**
 * What an opportunity's action covers: its resource alone, or a pool of GPUs that a MIG plan packs
 * together (a Kubernetes cluster's GPUs of one MIG table, or a plain VM's own GPUs).
 */
public sealed interface Scope {
  /** The action covers its resource alone. */
  Scope RESOURCE = new OneResource();

  /**
   * @param name {@code cluster/MIG table}, or {@code provider:resource id/MIG table} for a plain
   *     VM's own GPUs
   */
  static Scope pool(String name) {
    return new Pool(name);
  }

  /** The text in outputs: {@code resource}, or the pool's name. */
  String id();

  /** The action covers its resource alone. */
  record OneResource() implements Scope {
    @Override
    public String id() {
      return "resource";
    }
  }

  /** The action covers the GPUs of a pool a MIG plan packs. */
  record Pool(String name) implements Scope {
    public Pool {
      Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String id() {
      return name;
    }
  }
}
