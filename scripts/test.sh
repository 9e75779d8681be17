#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and the integration tests on the embedded stack (failsafe), on a
# Kafka/Connect 4.3.1 worker and broker; then the integration tests again on Kafka/Connect 3.9.1
# (profile connect-3.9), since the plugins support 3.7+ workers. Extra arguments go to the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp install "$@"
mvn -B -ntp verify -pl integration-tests -P connect-3.9
