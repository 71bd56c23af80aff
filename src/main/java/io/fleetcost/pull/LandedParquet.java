package io.fleetcost.pull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes landed API rows as one Parquet file of optional UTF-8 columns, with Parquet's own writer:
 * a pull needs no Spark. Values stay the API's text; the billing reader parses them, with the same
 * checks and quarantine as an export's.
 */
public final class LandedParquet {
  private LandedParquet() {}

  public static MessageType schema(List<String> columns) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (String column : columns) {
      builder
          .optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named(column);
    }
    return builder.named("landed");
  }

  /**
   * @param metadata key-value pairs of the file's footer (the billing month, the pull), which also
   *     keep files apart
   */
  public static void write(
      Path file, List<String> columns, List<String[]> rows, java.util.Map<String, String> metadata)
      throws IOException {
    MessageType schema = schema(columns);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withExtraMetaData(metadata)
            .build()) {
      for (String[] row : rows) {
        Group group = groups.newGroup();
        for (int i = 0; i < columns.size(); i++) {
          if (row[i] != null) {
            group.add(i, row[i]);
          }
        }
        writer.write(group);
      }
    }
  }
}
