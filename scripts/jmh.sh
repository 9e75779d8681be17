#!/usr/bin/env bash
# JMH benchmarks of the CloudEvents converter (see docs/performance.md). Arguments go to JMH, e.g.
#   ./scripts/jmh.sh CloudEventsBenchmark -p encoding=binary
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests -pl cloudevents-converter -am
cp_file=cloudevents-converter/target/jmh.classpath
mvn -B -ntp -q dependency:build-classpath -pl cloudevents-converter -Dmdep.includeScope=test \
  -Dmdep.outputFile="$(pwd)/$cp_file"
exec java -cp "cloudevents-converter/target/test-classes:cloudevents-converter/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main "${@:-CloudEventsBenchmark}"
