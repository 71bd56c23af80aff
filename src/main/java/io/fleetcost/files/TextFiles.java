package io.fleetcost.files;

import io.fleetcost.error.FleetCostException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens billing files through Hadoop's file systems (local, {@code s3a://}, {@code hdfs://}, …):
 * recognises gzip and zip by their magic bytes, and skips a UTF-8 byte order mark, so readers
 * always see plain UTF-8 text.
 */
public final class TextFiles {
  private static final int PEEK = 4;

  private TextFiles() {}

  public static InputStream openRaw(Configuration conf, String path) {
    try {
      Path hadoopPath = new Path(path);
      FileSystem fs = hadoopPath.getFileSystem(conf);
      return fs.open(hadoopPath);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  /** The compression found from the first bytes of the stream, which must support mark/reset. */
  public static Compression sniffCompression(BufferedInputStream in) throws IOException {
    byte[] magic = peek(in, PEEK);
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
      return Compression.ZIP;
    }
    return Compression.NONE;
  }

  public static boolean isParquet(BufferedInputStream in) throws IOException {
    byte[] magic = peek(in, PEEK);
    return magic.length == 4
        && magic[0] == 'P'
        && magic[1] == 'A'
        && magic[2] == 'R'
        && magic[3] == '1';
  }

  public static byte[] peek(BufferedInputStream in, int count) throws IOException {
    in.mark(count);
    byte[] buffer = in.readNBytes(count);
    in.reset();
    return buffer;
  }

  /** The decompressed content of a text file, after any UTF-8 byte order mark. */
  public static InputStream openText(Configuration conf, String path) {
    InputStream raw = openRaw(conf, path);
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      InputStream content =
          switch (sniffCompression(buffered)) {
            case GZIP -> new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            case ZIP -> firstZipEntry(buffered, path);
            case NONE -> buffered;
          };
      BufferedInputStream text =
          content instanceof BufferedInputStream b ? b : new BufferedInputStream(content, 1 << 16);
      skipByteOrderMark(text);
      return text;
    } catch (IOException e) {
      closeQuietly(raw);
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public static Reader openReader(Configuration conf, String path) {
    return new InputStreamReader(openText(conf, path), StandardCharsets.UTF_8);
  }

  private static InputStream firstZipEntry(InputStream in, String path) throws IOException {
    ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
    ZipEntry entry = zip.getNextEntry();
    while (entry != null && entry.isDirectory()) {
      entry = zip.getNextEntry();
    }
    if (entry == null) {
      throw FleetCostException.userError("Cannot read %s: the zip archive holds no file", path);
    }
    return new BufferedInputStream(zip, 1 << 16);
  }

  public static void skipByteOrderMark(BufferedInputStream in) throws IOException {
    byte[] head = peek(in, 3);
    if (head.length == 3
        && (head[0] & 0xff) == 0xEF
        && (head[1] & 0xff) == 0xBB
        && (head[2] & 0xff) == 0xBF) {
      in.skipNBytes(3);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing; the first error is the one to report
    }
  }
}
