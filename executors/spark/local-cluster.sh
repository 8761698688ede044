#!/usr/bin/env bash
# A Spark standalone cluster on this machine, for trying the spark executor (docs/CLUSTER.md):
#   executors/spark/local-cluster.sh start [CORES] [MEMORY]   a master on spark://127.0.0.1:7077 and one worker
#   executors/spark/local-cluster.sh stop                     ends both (the worker ends its executors)
# It runs Spark from the jars of executors/spark/target/plugins/spark (built by
# mvn -o package -pl executors/spark -am -DskipTests), without gdflow's own jar: like a real Spark
# installation, the executors get gdflow from the job. State, logs and pids are in executors/spark/target/cluster.
# On a real cluster use Spark's own sbin/start-master.sh and sbin/start-worker.sh instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin="$here/target/plugins/spark"
state="$here/target/cluster"
port="${SPARK_MASTER_PORT:-7077}"
case "${1:-}" in
  start)
    [ -d "$plugin" ] || { echo "local-cluster: build the spark module first: mvn -B -o package -pl executors/spark -am -DskipTests" >&2; exit 2; }
    mkdir -p "$state/spark-home/jars" "$state/work"
    rm -f "$state/spark-home/jars/"*.jar
    for jar in "$plugin"/*.jar; do
      case "$(basename "$jar")" in gdflow-*) ;; *) ln -s "$jar" "$state/spark-home/jars/" ;; esac
    done
    export SPARK_HOME="$state/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
    cp="$state/spark-home/jars/*"
    nohup java -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 8080 \
      >"$state/master.log" 2>&1 &
    echo $! >"$state/master.pid"
    # the worker registers with a master that is listening
    for _ in $(seq 60); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
    nohup java -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 8081 \
      --cores "${2:-2}" --memory "${3:-2g}" --work-dir "$state/work" "spark://127.0.0.1:$port" >"$state/worker.log" 2>&1 &
    echo $! >"$state/worker.pid"
    echo "local-cluster: master spark://127.0.0.1:$port (UI http://127.0.0.1:8080), one worker; logs in $state"
    ;;
  stop)
    for name in worker master; do
      if [ -f "$state/$name.pid" ]; then
        pid=$(cat "$state/$name.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$state/$name.pid"
      fi
    done
    echo "local-cluster: stopped"
    ;;
  *) echo "usage: $0 start [CORES] [MEMORY] | stop" >&2; exit 2 ;;
esac
