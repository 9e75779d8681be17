#!/usr/bin/env bash
# Builds the plugins, then runs the quickstart on the embedded stack. Pass --keep-running to leave it up.
exec "$(dirname "$0")/run-main.sh" io.eventbridge.kafka.it.Quickstart "$@"
