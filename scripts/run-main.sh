#!/usr/bin/env bash
# Runs a main class of integration-tests on its runtime class path: run-main.sh <class> [args...]. The harness's
# own SDK clients use the Apache 4 HTTP client, as the connectors do (Apache 5 and the CRT are on the class path
# for SqsClientCost only).
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"; shift
mvn -B -ntp -q install -DskipTests
cp_file=integration-tests/target/runtime.classpath
mvn -B -ntp -q dependency:build-classpath -pl integration-tests -Dmdep.outputFile="$PWD/$cp_file" \
  -Dmdep.includeScope=runtime -Dmdep.excludeTypes=zip >/dev/null
exec java ${JAVA_OPTS:-} -Xmx4g -cp "integration-tests/target/classes:$(cat "$cp_file")" \
  -Deventbridge.plugins.dir="$PWD/integration-tests/target/plugins" \
  -Dsoftware.amazon.awssdk.http.service.impl=software.amazon.awssdk.http.apache.ApacheSdkHttpService "$main" "$@"
