#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and the integration tests on the embedded stack (failsafe), on a
# Kafka/Connect 4.3.1 worker and broker; then the integration tests again on Kafka/Connect 3.9.1
# (profile connect-3.9), since the plugins support 3.7+ workers; and last, the main code of every plugin
# is compiled against the Kafka/Connect 3.7.2 API (MSK Connect runs 3.7), into target/api-3.7, so a
# newer API used unguarded fails the build. The first run also makes the merged coverage report (JaCoCo, unit and
# integration tests) and fails under its floor (scripts/coverage-floor.sh); the 3.9.1 run leaves the agent out and
# so keeps that report. Extra arguments go to the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp install "$@"
mvn -B -ntp verify -pl integration-tests -P connect-3.9 -Djacoco.skip=true
mvn -B -ntp -q compile -Dkafka.version=3.7.2 -Dbuild.folder=target/api-3.7 \
  -pl connect-common,connect-schemas,cloudevents-converter,eventbridge-sink,eventbridge-source
echo "Main code compiles against the Kafka Connect 3.7.2 API."
