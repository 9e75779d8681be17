#!/usr/bin/env bash
# The AWS SDK's CPU per SQS message with each HTTP client and with the MD5 check on and off, nothing of the
# connector (see docs/performance.md). Arguments go to SqsClientCost, e.g. clients=apache,apache5 messages=100000
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.SqsClientCost "$@"
