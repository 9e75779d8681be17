#!/usr/bin/env bash
# Source throughput against embedded ElasticMQ (see docs/performance.md). Arguments go to SourceBenchmark,
# e.g. records=100000 baseline.records=10000 tasks=1,2 sdk.records=50000.
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.SourceBenchmark "$@"
