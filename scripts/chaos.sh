#!/usr/bin/env bash
# The failure matrix on a 3-worker process cluster (see docs/reliability.md). Arguments go to Chaos, e.g.
# runs=5 rate=300 seconds=40 scenarios=sink:kill-one,source:kill-all seed=42
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.process.Chaos "$@"
