#!/usr/bin/env bash
# Start the single-node KRaft broker in the background and wait until it accepts connections.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
pidfile="$CERS_STATE_DIR/kafka.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "kafka already running (pid $(cat "$pidfile")) on 127.0.0.1:$CERS_KAFKA_PORT"; exit 0
fi
"$here/fetch.sh"
libs="$CERS_CACHE_DIR/kafka-$CERS_KAFKA_VERSION/libs"
data="$CERS_STATE_DIR/kafka/data"
conf="$CERS_STATE_DIR/kafka/server.properties"
mkdir -p "$data"
sed -e "s#@PORT@#$CERS_KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CERS_KAFKA_CONTROLLER_PORT#g" \
    -e "s#@DATA_DIR@#$data#g" "$here/server.properties.in" > "$conf"
cat > "$CERS_STATE_DIR/kafka/log4j.properties" <<LOG
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$CERS_LOG_DIR/kafka.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
LOG
java_opts=(-Xms256m "-Xmx$CERS_KAFKA_HEAP" -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Xshare:auto
           "-Dlog4j.configuration=file:$CERS_STATE_DIR/kafka/log4j.properties" -cp "$libs/*")
if [ ! -f "$data/meta.properties" ]; then
  java "${java_opts[@]}" kafka.tools.StorageTool format --ignore-formatted \
    -t "$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid)" -c "$conf" >/dev/null
fi
# A fresh log, so that the readiness check below cannot read the previous run's "started".
[ -f "$CERS_LOG_DIR/kafka.log" ] && mv -f "$CERS_LOG_DIR/kafka.log" "$CERS_LOG_DIR/kafka.log.previous"
nohup java "${java_opts[@]}" kafka.Kafka "$conf" >"$CERS_LOG_DIR/kafka.out" 2>&1 &
echo $! > "$pidfile"
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$CERS_KAFKA_PORT") 2>/dev/null && grep -q "Kafka Server started" "$CERS_LOG_DIR/kafka.log" 2>/dev/null; then
    echo "kafka ready on 127.0.0.1:$CERS_KAFKA_PORT (pid $(cat "$pidfile"), log $CERS_LOG_DIR/kafka.log)"; exit 0
  fi
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "kafka exited; see $CERS_LOG_DIR/kafka.out" >&2; tail -20 "$CERS_LOG_DIR/kafka.out" >&2; exit 1; }
  sleep 0.5
done
echo "kafka did not become ready in 60 s; see $CERS_LOG_DIR/kafka.log" >&2; exit 1
