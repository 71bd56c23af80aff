package io.fleetcost.billing;

import static io.fleetcost.model.CostColumns.BILLED_COST;
import static io.fleetcost.model.CostColumns.CONTRACTED_COST;
import static io.fleetcost.model.CostColumns.COPY_IN_FILE;
import static io.fleetcost.model.CostColumns.DUPLICATE_SOURCES;
import static io.fleetcost.model.CostColumns.EFFECTIVE_COST;
import static io.fleetcost.model.CostColumns.LIST_COST;
import static io.fleetcost.model.CostColumns.QUARANTINE_REASON;
import static io.fleetcost.model.CostColumns.ROW_IDENTITY_HASH;
import static io.fleetcost.model.CostColumns.SOURCE_FILE;
import static io.fleetcost.model.CostColumns.SOURCE_LINE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Counts once a row that two or more files of one billing input hold: overlapping extracts of the
 * same export.
 *
 * <p>The rule, for the files of one format in one input (the "scope"):
 *
 * <ul>
 *   <li>Two rows are the same row when their identities are equal ({@link #IDENTITY}, set by the
 *       readers): for AWS CUR the line item id and time interval ({@link #keyIdentity}); for every
 *       other format the whole source record as the file holds it ({@link #recordIdentity}), so
 *       rows that differ in any value, such as a later {@code export_time} of Google's append-only
 *       export, are different rows and all count.
 *   <li>Identical rows inside one file are all kept (a provider may bill the same charge twice).
 *       Across files, the n-th copy of a row is kept from the first file, in path order, that holds
 *       at least n copies of it; the copies in other files are dropped. A row therefore counts as
 *       often as the file holding it most often holds it.
 *   <li>A quarantined row, or a row without an identity, is never dropped.
 * </ul>
 *
 * <p>The dropped copies are not lost from view: the kept row lists them in {@code
 * x_DuplicateSources} (file, line, and whether its costs differ, which only rows compared by key
 * can), {@code x_CopyInFile} numbers the identical rows of a file, and {@code x_RowIdentityHash}
 * keeps a hash of the identity (for the kept table's appends).
 *
 * <p>Costs: {@link #drop} first runs a job over each row's scope and identity hash only (it reads
 * the input); when no hash repeats inside a scope, no identity does, so no row is a copy and the
 * rows go on as they are, without a shuffle. The billing ingest saves that read: it writes {@link
 * #assumingNoCopies} and checks the written hashes afterwards ({@link #anyKeptHashRepeats}).
 * Otherwise one shuffle of whole rows for all scopes together, partitioned by scope and identity,
 * so rows are compared on their full identity, never on a hash alone; identity groups are small (at
 * most one row per file per copy number) except for rows repeated inside a file.
 */
public final class DuplicateRows {
  /** What makes two rows of different files the same row; null for a row that is never compared. */
  public static final String IDENTITY = "x_RowIdentity";

  /** The files compared with each other: one value per format of one billing input. */
  public static final String SCOPE = "x_DuplicateScope";

  private static final String KEY = "x_DuplicateKey";
  private static final String COPY = "x_DuplicateCopy";
  private static final String KEEPER = "x_DuplicateKeeper";
  private static final String COPIES = "x_DuplicateCopies";
  private static final String HASH = "x_DuplicateHash";
  private static final List<String> COSTS =
      List.of(BILLED_COST, EFFECTIVE_COST, LIST_COST, CONTRACTED_COST);

  private DuplicateRows() {}

  /**
   * The whole source record as the decoder rendered it ({@link SourceRows#SOURCE_RECORD}), prefixed
   * by {@code variant} (e.g. Azure's actual or amortized dataset: the same usage row in both is not
   * the same charge twice).
   */
  public static Column recordIdentity(SourceRows source, String variant) {
    return concat(lit("record|" + variant + "|"), source.record());
  }

  public static Column recordIdentity(SourceRows source) {
    return recordIdentity(source, "");
  }

  /**
   * A line identity by key (null when the first part is null): the parts as a JSON array, so no
   * separator clashes.
   */
  public static Column keyIdentity(Column... parts) {
    return when(parts[0].isNotNull(), concat(lit("key|"), to_json(array(parts))));
  }

  /**
   * Drops the copies, as described above, from rows of {@link NormalizedCostSchema#WITH_QUARANTINE}
   * followed by {@link #IDENTITY} and {@link #SCOPE}; returns {@link
   * NormalizedCostSchema#WITH_QUARANTINE} with {@code x_CopyInFile} and {@code x_DuplicateSources}
   * set.
   */
  public static Dataset<Row> drop(Dataset<Row> rows) {
    return anyHashRepeats(rows) ? compare(rows) : noCopies(rows);
  }

  /**
   * The rows marked as if no identity repeated in its scope: each compared row is the first copy of
   * its file, and kept. This is what {@link #drop} gives whenever {@link #anyKeptHashRepeats} of
   * the rows it writes is false, so a caller can write these rows in one pass over the input and
   * check afterwards (the billing ingest does).
   */
  public static Dataset<Row> assumingNoCopies(Dataset<Row> rows) {
    return noCopies(rows);
  }

  /**
   * The full comparison of {@link #drop}, with its shuffle of whole rows, whether or not an
   * identity repeats.
   */
  public static Dataset<Row> compared(Dataset<Row> rows) {
    return compare(rows);
  }

  /**
   * Whether two rows written by {@link #assumingNoCopies} share an identity hash: a job over {@code
   * x_RowIdentityHash} alone, which is set on exactly the compared rows that were kept. When none
   * do, the written rows are what {@link #drop} gives: its check also counts quarantined rows, but
   * a quarantined row is never a copy nor has one, so the outcome is the same. Rows of different
   * scopes are not told apart here, so a hash that two inputs share also asks for the full
   * comparison, which is right, only slower.
   */
  public static boolean anyKeptHashRepeats(Dataset<Row> written) {
    return !written
        .filter(col(ROW_IDENTITY_HASH).isNotNull())
        .groupBy(col(ROW_IDENTITY_HASH))
        .count()
        .filter(col("count").gt(lit(1L)))
        .isEmpty();
  }

  /**
   * Whether two rows of a scope have the same identity hash: a job over the scope and the hash
   * only. When none do, no two rows have the same identity either, so no row is a copy: the full
   * comparison and its shuffle of whole rows are skipped. Any repeated hash, even a collision of
   * different identities, takes the full comparison.
   */
  private static boolean anyHashRepeats(Dataset<Row> rows) {
    Column hash = xxhash64(col(IDENTITY));
    return !rows.filter(col(IDENTITY).isNotNull())
        .groupBy(col(SCOPE), hash.as(HASH))
        .count()
        .filter(col("count").gt(lit(1L)))
        .isEmpty();
  }

  /**
   * The rows when every identity is unique in its scope: each compared row is the first copy of its
   * file, and kept.
   */
  private static Dataset<Row> noCopies(Dataset<Row> rows) {
    Column compared = col(QUARANTINE_REASON).isNull().and(col(IDENTITY).isNotNull());
    List<Column> out = new ArrayList<>();
    for (String name : NormalizedCostSchema.WITH_QUARANTINE.fieldNames()) {
      Column value =
          switch (name) {
            case COPY_IN_FILE -> when(compared, lit(1));
            case DUPLICATE_SOURCES -> lit(null);
            case ROW_IDENTITY_HASH -> when(compared, xxhash64(col(IDENTITY)));
            default -> col(SourceRows.quoted(name));
          };
      out.add(value.cast(NormalizedCostSchema.WITH_QUARANTINE.apply(name).dataType()).as(name));
    }
    return rows.select(out.toArray(new Column[0]));
  }

  private static Dataset<Row> compare(Dataset<Row> rows) {
    Column compared = col(QUARANTINE_REASON).isNull().and(col(IDENTITY).isNotNull());
    Column key =
        when(compared, col(IDENTITY))
            .otherwise(
                concat(
                    lit("row|"),
                    col(SOURCE_FILE),
                    lit("|"),
                    col(SOURCE_LINE).cast(DataTypes.StringType)));
    WindowSpec byIdentity = Window.partitionBy(col(SCOPE), col(KEY));
    // the n-th identical row of its file: its rank among the identity's rows minus the rows of
    // earlier files
    Column copy =
        row_number()
            .over(byIdentity.orderBy(col(SOURCE_FILE), col(SOURCE_LINE)))
            .minus(rank().over(byIdentity.orderBy(col(SOURCE_FILE))))
            .plus(lit(1));
    // each file holds at most one row of a (scope, identity, copy) group: the first file's is kept
    WindowSpec sameCopy =
        Window.partitionBy(col(SCOPE), col(KEY), col(COPY)).orderBy(col(SOURCE_FILE));
    List<Column> copyFields =
        new ArrayList<>(List.of(col(SOURCE_FILE).as("File"), col(SOURCE_LINE).as("Line")));
    COSTS.forEach(cost -> copyFields.add(col(cost)));
    Dataset<Row> marked =
        rows.withColumn(KEY, key)
            .withColumn(COPY, copy)
            .withColumn(KEEPER, row_number().over(sameCopy).equalTo(lit(1)))
            .withColumn(
                COPIES,
                collect_list(struct(copyFields.toArray(new Column[0])))
                    .over(sameCopy.rowsBetween(1, Window.unboundedFollowing())));

    Column sources =
        transform(
            col(COPIES),
            c -> {
              Column same = lit(true);
              for (String cost : COSTS) {
                same = same.and(c.getField(cost).eqNullSafe(col(cost)));
              }
              return struct(
                  c.getField("File").as("File"),
                  c.getField("Line").as("Line"),
                  not(same).as("CostsDiffer"));
            });
    List<Column> out = new ArrayList<>();
    for (String name : NormalizedCostSchema.WITH_QUARANTINE.fieldNames()) {
      Column value =
          switch (name) {
            case COPY_IN_FILE -> when(compared, col(COPY));
            case DUPLICATE_SOURCES -> when(size(col(COPIES)).gt(lit(0)), sources);
            case ROW_IDENTITY_HASH -> when(compared, xxhash64(col(IDENTITY)));
            default -> col(SourceRows.quoted(name));
          };
      out.add(value.cast(NormalizedCostSchema.WITH_QUARANTINE.apply(name).dataType()).as(name));
    }
    return marked.filter(col(KEEPER)).select(out.toArray(new Column[0]));
  }
}
