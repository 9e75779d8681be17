#!/usr/bin/env bash
# Sink throughput against the local EventBridge (see docs/performance.md). Arguments go to SinkBenchmark,
# e.g. records=100000 scenarios=0:1:0,20:1:0 (latencyMs:tasks:throttlePercent).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q package -DskipTests
exec mvn -B -ntp -q exec:java -pl integration-tests \
  -Dexec.mainClass=io.eventbridge.kafka.it.SinkBenchmark -Dexec.args="$*" \
  -Deventbridge.plugins.dir="$PWD/integration-tests/target/plugins"
