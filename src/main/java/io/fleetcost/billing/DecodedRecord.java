package io.fleetcost.billing;

import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.catalyst.util.MapData;

/**
 * One CSV record as the decoder has read it, handed to a {@link DecodedRecordMapping}: the values
 * of the reader's columns (cleaned as {@link Decoding} says: trimmed, null when empty or a null
 * literal), in the order the reader asked for them, and what the decoder adds to every row.
 *
 * @param decodeError why the record could not be split into the header's fields (then every value
 *     is null)
 * @param rawRecord the record as CSV text, for a record with a decode error; null otherwise
 * @param sourceTags the tags spread over columns ({@link SourceRows#SOURCE_TAGS}), when the format
 *     has them
 * @param json each {@link JsonObjectColumn} of the decoding, parsed and cleaned (null when absent
 *     or not an object)
 * @param sourceRecord the whole record as text ({@link SourceRows#SOURCE_RECORD}), when asked for
 */
public record DecodedRecord(
    String file,
    long line,
    String decodeError,
    String rawRecord,
    String[] values,
    MapData sourceTags,
    List<LinkedHashMap<String, String>> json,
    String sourceRecord) {}
