#!/usr/bin/env bash
# Entrypoint of the FleetCost image (deploy/Dockerfile). The first argument picks the mode:
#   driver    a Spark-on-Kubernetes driver pod: SparkSubmit in client deploy mode with the pod's arguments, as Spark's
#             own image does (resource-managers/kubernetes/docker/src/main/dockerfiles/spark/entrypoint.sh)
#   executor  a Spark-on-Kubernetes executor pod: KubernetesExecutorBackend, its arguments from the pod's environment
#   anything else (run, scan, --help, ...)  the FleetCost command line, Spark local[*] in this JVM unless --master
#
# Every mode runs the same class path, /opt/fleetcost/fleetcost.jar and /opt/fleetcost/lib/*, with the JVM module
# flags Spark needs. Nothing is written to the root filesystem: the image runs with it read-only.
set -euo pipefail

FLEETCOST_HOME="${FLEETCOST_HOME:-/opt/fleetcost}"

# Must equal the spark.jvm.flags property of pom.xml (EntrypointScriptTest compares them).
readonly MODULE_FLAGS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)
readonly BASE_FLAGS=("${MODULE_FLAGS[@]}" -Djava.io.tmpdir=/tmp)

die() {
  echo "fleetcost entrypoint: $*" >&2
  exit 2
}

require_env() {
  local name
  for name in "$@"; do
    if [ -z "${!name:-}" ]; then
      die "$name is not set: Spark sets it on the $mode pod it creates; this mode is not meant to be started by hand"
    fi
  done
}

# The value of KEY in a Java properties file, or nothing. Spark writes spark.properties as key=value lines and
# SparkSubmit reads it with Properties.load, where a backslash escapes the next character: so does this, except that
# \t, \n and \uXXXX are not decoded (the values read here, a memory size and JVM options, are ASCII in practice).
property() {
  local file=$1 key=$2 line value
  [ -r "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      "$key="* | "$key:"*)
        value=${line:${#key}+1}
        printf '%s' "$value" | sed -e 's/\\\(.\)/\1/g'
        return 0
        ;;
    esac
  done <"$file"
}

# Spark's conf folder first (spark.properties, log4j2 files Spark mounts there), then Hadoop's, as Spark's image does.
classpath="$FLEETCOST_HOME/fleetcost.jar:$FLEETCOST_HOME/lib/*"
if [ -n "${HADOOP_CONF_DIR:-}" ]; then
  classpath="$HADOOP_CONF_DIR:$classpath"
fi
if [ -n "${SPARK_CONF_DIR:-}" ]; then
  classpath="$SPARK_CONF_DIR:$classpath"
fi
if [ -n "${SPARK_EXTRA_CLASSPATH:-}" ]; then
  classpath="$classpath:$SPARK_EXTRA_CLASSPATH"
fi

mode=${1:-}
case "$mode" in
  driver)
    shift
    require_env SPARK_DRIVER_BIND_ADDRESS
    # spark-submit's launcher would size the driver JVM from the properties file before starting it; SparkSubmit
    # alone cannot, so the heap and the driver's extra JVM options are read here.
    properties_file=""
    previous=""
    for arg in "$@"; do
      if [ "$previous" = "--properties-file" ]; then
        properties_file=$arg
      fi
      previous=$arg
    done
    driver_memory=""
    driver_options=""
    if [ -n "$properties_file" ]; then
      [ -r "$properties_file" ] || die "the properties file $properties_file cannot be read"
      driver_memory=$(property "$properties_file" spark.driver.memory)
      driver_options=$(property "$properties_file" spark.driver.extraJavaOptions)
    fi
    driver_memory=${driver_memory:-${SPARK_DRIVER_MEMORY:-1g}}
    # Split on whitespace: quoted options with spaces inside are not supported here.
    read -r -a extra_options <<<"$driver_options"
    exec java "${BASE_FLAGS[@]}" "-Xmx$driver_memory" "${extra_options[@]}" -cp "$classpath" \
      org.apache.spark.deploy.SparkSubmit \
      --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" \
      --deploy-mode client \
      "$@"
    ;;
  executor)
    shift
    require_env SPARK_DRIVER_URL SPARK_EXECUTOR_ID SPARK_EXECUTOR_CORES SPARK_APPLICATION_ID \
      SPARK_EXECUTOR_POD_IP SPARK_RESOURCE_PROFILE_ID SPARK_EXECUTOR_POD_NAME SPARK_EXECUTOR_MEMORY
    # Spark passes spark.executor.extraJavaOptions and the driver's ports as SPARK_JAVA_OPT_0, _1, ...: in that order.
    executor_options=()
    while IFS= read -r name; do
      [ -n "$name" ] && executor_options+=("${!name}")
    done < <(compgen -e | grep -E '^SPARK_JAVA_OPT_[0-9]+$' | sort -t_ -k4 -n || true)
    # CoarseGrainedExecutorBackend rejects --podName: since Spark 3.3 the Kubernetes backend is this one.
    exec java "${BASE_FLAGS[@]}" "${executor_options[@]}" \
      "-Xms$SPARK_EXECUTOR_MEMORY" "-Xmx$SPARK_EXECUTOR_MEMORY" \
      -cp "$classpath" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "$SPARK_DRIVER_URL" \
      --executor-id "$SPARK_EXECUTOR_ID" \
      --cores "$SPARK_EXECUTOR_CORES" \
      --app-id "$SPARK_APPLICATION_ID" \
      --hostname "$SPARK_EXECUTOR_POD_IP" \
      --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" \
      --podName "$SPARK_EXECUTOR_POD_NAME"
    ;;
  *)
    # The whole job in this JVM: 75 % of the container's memory limit is the heap.
    exec java "${BASE_FLAGS[@]}" -XX:MaxRAMPercentage=75 -cp "$classpath" io.fleetcost.cli.FleetCostMain "$@"
    ;;
esac
