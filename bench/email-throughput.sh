#!/usr/bin/env bash
# Intake and delivery throughput of notification-service next to their floors (plain JDBC inserts, plain
# jakarta.mail sends), 10 000 emails by default; prints a Markdown table for docs/benchmarks.md.
# Needs PostgreSQL on 127.0.0.1:5432 (./suite test starts it) and a JDK 21+ (found like ./suite does).
#   bench/email-throughput.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-10000}"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/*; do
        if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; break; fi
    done
fi
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl notification-service -am
"$ROOT/mvnw" -B -q -f "$ROOT/bench/throughput/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/throughput/target/classes:$(cat "$ROOT/bench/throughput/target/classpath.txt")"
echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(nproc) cores; $N emails"
"$JAVA_HOME/bin/java" -cp "$CP" dev.commercesuite.bench.EmailThroughput "$JAVA_HOME/bin/java" \
    "$ROOT/notification-service/target/quarkus-app/quarkus-run.jar" "${SUITE_PG_HOST:-127.0.0.1}" "${SUITE_PG_PORT:-5432}" "$N"
