package io.fleetcost.billing;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * A format's mapping of a decoded CSV record straight to its normalized row ({@link
 * NormalizedCostSchema#WITH_QUARANTINE}, then {@link DuplicateRows#IDENTITY} when {@link
 * ReadContext#rowIdentity()}), in the task that decodes the file.
 *
 * <p>Why: the same mapping written as column expressions ({@link NormalizedRows}) is one projection
 * of more than a hundred columns, which Spark evaluates outside whole-stage code generation,
 * writing each wide row out three times; at fleet scale that was half of the billing ingest's time.
 * A mapping gives exactly the rows the expressions give (its format's test compares both on every
 * sample file and on a file of bad values), using {@link SparkCasts} for Spark's parsing rules and
 * {@link MappedRow} for the checks.
 */
@FunctionalInterface
public interface DecodedRecordMapping extends Serializable {
  InternalRow map(DecodedRecord record);
}
