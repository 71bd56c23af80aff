#!/usr/bin/env bash
# Cluster mode without the Spark Operator: submits the nightly job with spark-submit from a Spark 4.1 distribution
# (Scala 2.13; its spark-kubernetes module ships in the distribution) on a workstation or CI runner with a kubeconfig.
# The driver and executors run the FleetCost image (../Dockerfile), the same as the CronJob's and the operator's.
#
#   K8S_API=https://<api-server>:6443 deploy/spark-submit/submit.sh
#
# Needs, applied beforehand: ../kubernetes/namespace.yaml, serviceaccount.yaml, configmap-job.yaml, networkpolicy.yaml
# and ../spark-operator/rbac.yaml, networkpolicy.yaml, persistentvolumeclaim.yaml (the operator itself is not needed).
# spark-submit authenticates to the API server with the kubeconfig's current context and waits for the driver to end;
# the job's own exit code (0, 1, 2: see deploy/README.md) is the driver container's: kubectl -n fleetcost get pods.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${K8S_API:?set K8S_API to the API server URL, e.g. https://203.0.113.10:6443 (kubectl cluster-info prints it)}"
image=${FLEETCOST_IMAGE:-ghcr.io/example/fleetcost:0.1.0}
spark_submit=${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit

exec "$spark_submit" \
  --master "k8s://$K8S_API" \
  --deploy-mode cluster \
  --name fleetcost-nightly \
  --class io.fleetcost.cli.FleetCostMain \
  --conf spark.kubernetes.namespace=fleetcost \
  --conf "spark.kubernetes.container.image=$image" \
  --conf spark.kubernetes.container.image.pullPolicy=IfNotPresent \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=fleetcost-spark \
  --conf spark.kubernetes.authenticate.executor.serviceAccountName=fleetcost \
  --conf "spark.kubernetes.driver.podTemplateFile=$here/driver-pod-template.yaml" \
  --conf "spark.kubernetes.executor.podTemplateFile=$here/executor-pod-template.yaml" \
  --conf spark.driver.cores=1 \
  --conf spark.kubernetes.driver.limit.cores=1 \
  --conf spark.driver.memory=4g \
  --conf spark.executor.instances=2 \
  --conf spark.executor.cores=2 \
  --conf spark.kubernetes.executor.limit.cores=2 \
  --conf spark.executor.memory=6g \
  local:///opt/fleetcost/fleetcost.jar \
  run /etc/fleetcost/nightly.yaml --master k8s://https://kubernetes.default.svc
