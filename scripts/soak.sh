#!/usr/bin/env bash
# The soak (see docs/reliability.md and docs/performance.md): the sink and the source side by side on one worker JVM
# with -Xmx256m, at a steady rate against a 20 ms endpoint, then the sink draining a backlog with one task.
# Arguments go to Soak, e.g. minutes=30 rate=1000 latency=20 heap=256m interval=60 backlog=300000
# connectors=sink (or source) runs one alone; jvm='...' adds worker JVM options (space-separated)
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.process.Soak "$@"
