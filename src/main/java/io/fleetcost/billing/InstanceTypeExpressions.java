package io.fleetcost.billing;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Column expressions that find an instance type in providers' free text. */
public final class InstanceTypeExpressions {
  /**
   * An EC2 instance type at the end of an AWS usage type: {@code USE1-BoxUsage:p4d.24xlarge},
   * {@code SpotUsage:g5.xlarge}, {@code APN1-DedicatedUsage:p3.8xlarge}.
   */
  public static final String AWS_USAGE_TYPE_PATTERN =
      ":([a-z][a-z0-9-]*\\.(?:[0-9]*x?large|metal(?:-[0-9a-z]+)?|medium|small|micro|nano))$";

  private InstanceTypeExpressions() {}

  public static Column fromAwsUsageType(Column usageType) {
    return nullIfEmpty(regexp_extract(usageType, AWS_USAGE_TYPE_PATTERN, 1));
  }

  public static Column nullIfEmpty(Column text) {
    return when(text.isNull().or(text.equalTo(lit(""))), lit(null).cast(DataTypes.StringType))
        .otherwise(text);
  }
}
