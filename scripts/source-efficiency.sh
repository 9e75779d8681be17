#!/usr/bin/env bash
# The source on a freshly started worker JVM: events/s over the first events and at steady state, and CPU per event
# by part (see docs/performance.md). Arguments go to SourceEfficiency (and Efficiency), e.g. records=300000 tasks=1,2
# jvm=-XX:TieredStopAtLevel=1 set.sqs.receive.loops.per.queue=2
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.process.SourceEfficiency "$@"
