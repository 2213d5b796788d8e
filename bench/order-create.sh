#!/usr/bin/env bash
# order-service's order creation next to its floor: 8 clients placing guest orders of 3 lines with an Idempotency-Key
# each through the packaged service, against the same SQL per order issued by plain JDBC from the bench JVM; orders
# per second, p50/p99 latency, and a count of the rows afterwards (nothing lost or duplicated). Prints Markdown for
# docs/benchmarks.md. Needs PostgreSQL on 127.0.0.1:5432 (./suite test starts it; SUITE_PG_HOST/SUITE_PG_PORT for
# another) and a JDK 21+ (found like ./suite does). After the warm-ups (the service's JIT needs about 90 s), floor and
# service take turns for ROUNDS rounds of SECONDS each. BENCH_JAVA_OPTS reaches the service's JVM (e.g. a JFR
# recording); ORDER_* variables reach the service (e.g. ORDER_ADMISSION_PER_SHOP); BENCH_CLIENTS changes the 8 clients.
#   bench/order-create.sh [WARMUP_SECONDS] [SECONDS] [ROUNDS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WARMUP="${1:-90}"
SECONDS_PER_ROUND="${2:-10}"
ROUNDS="${3:-4}"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/*; do
        if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; break; fi
    done
fi
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl order-service -am
"$ROOT/mvnw" -B -q -f "$ROOT/bench/throughput/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/throughput/target/classes:$(cat "$ROOT/bench/throughput/target/classpath.txt")"
"$JAVA_HOME/bin/java" -cp "$CP" dev.commercesuite.bench.OrderBench "$JAVA_HOME/bin/java" \
    "$ROOT/order-service/target/quarkus-app/quarkus-run.jar" "${SUITE_PG_HOST:-127.0.0.1}" "${SUITE_PG_PORT:-5432}" \
    "$WARMUP" "$SECONDS_PER_ROUND" "$ROUNDS"
