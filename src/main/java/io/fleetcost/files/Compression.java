package io.fleetcost.files;

/** The compression wrapped around a text file (Parquet compresses inside the file). */
public enum Compression {
  NONE,
  GZIP,
  ZIP
}
