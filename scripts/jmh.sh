#!/usr/bin/env bash
# JMH benchmarks on a module's test class path (see docs/performance.md). Arguments go to JMH, e.g.
#   ./scripts/jmh.sh CloudEventsBenchmark -p encoding=binary
#   JMH_MODULE=eventbridge-sink ./scripts/jmh.sh DetailSchemasBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
module="${JMH_MODULE:-cloudevents-converter}"
mvn -B -ntp -q install -DskipTests -pl "$module" -am
cp_file="$module/target/jmh.classpath"
mvn -B -ntp -q dependency:build-classpath -pl "$module" -Dmdep.includeScope=test \
  -Dmdep.outputFile="$(pwd)/$cp_file"
exec java -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main "${@:-CloudEventsBenchmark}"
