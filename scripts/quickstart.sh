#!/usr/bin/env bash
# Builds the plugins, then runs the quickstart on the embedded stack. Pass --keep-running to leave it up.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q package -DskipTests
exec mvn -B -ntp -q exec:java -pl integration-tests \
  -Dexec.mainClass=io.eventbridge.kafka.it.Quickstart -Dexec.args="$*" \
  -Deventbridge.plugins.dir="$PWD/integration-tests/target/plugins"
