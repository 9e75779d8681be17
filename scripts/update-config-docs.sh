#!/usr/bin/env bash
# Regenerates docs/config/*.md from the connectors' ConfigDefs (the tests fail while they are stale).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q test -pl cloudevents-converter,eventbridge-sink,eventbridge-source -am -Dtest='*ConfigDocsTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddocs.update=true
