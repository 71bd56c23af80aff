package io.fleetcost.files;

import java.util.List;

/** A named group of input paths from a job file: files, folders, globs. */
public interface InputPaths {
  String name();

  List<String> paths();

  /** What the input holds, for messages: {@code billing}, {@code telemetry}, {@code inventory}. */
  default String kind() {
    return "billing";
  }
}
