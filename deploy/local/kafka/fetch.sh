#!/usr/bin/env bash
# Fetch the Kafka broker jars from Maven Central into a per-user cache (once; later runs reuse it).
set -euo pipefail
source "$(dirname "$0")/../env.sh"
libs="$CERS_CACHE_DIR/kafka-$CERS_KAFKA_VERSION/libs"
if [ -f "$libs/kafka_2.13-$CERS_KAFKA_VERSION.jar" ] && [ -f "$libs/.complete" ]; then
  exit 0
fi
command -v java >/dev/null || { echo "installing Java 17" >&2; apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }
command -v mvn >/dev/null || { echo "installing maven" >&2; apt-get update -qq && apt-get install -y -qq maven >/dev/null; }
echo "fetching Kafka $CERS_KAFKA_VERSION from Maven Central into $libs" >&2
rm -rf "$libs" && mkdir -p "$libs"
mvn -B -q -f "$(dirname "$0")/pom.xml" -Dkafka.version="$CERS_KAFKA_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
touch "$libs/.complete"
