#!/usr/bin/env bash
# The sink under an account-wide PutEvents quota (see docs/performance.md): fixed and adaptive windows, and a
# capped connector beside another producer. Arguments go to QuotaBenchmark, e.g. records=200000 tasks=4 quota=300.
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.QuotaBenchmark "$@"
