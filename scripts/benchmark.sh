#!/usr/bin/env bash
# Sink throughput against the local EventBridge (see docs/performance.md). Arguments go to SinkBenchmark,
# e.g. records=100000 scenarios=0:1:0,20:1:0 (latencyMs:tasks:throttlePercent).
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.SinkBenchmark "$@"
