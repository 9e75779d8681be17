#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and the integration tests on the embedded stack (failsafe).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp verify "$@"
