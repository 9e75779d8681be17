#!/usr/bin/env bash
# The sink on a freshly started worker at 0 ms endpoint latency: events/s over the first events and at steady state,
# and CPU per event by part (see docs/performance.md). Arguments go to SinkEfficiency, e.g. records=600000
# steady=200000 tasks=1 jvm=-XX:TieredStopAtLevel=1 set.max.in.flight.requests=32
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.process.SinkEfficiency "$@"
