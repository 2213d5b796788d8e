#!/usr/bin/env bash
# order-service's Stripe webhook next to its floor: signed payment_intent.succeeded events, one per seeded order
# awaiting payment, sent by 8 clients to the packaged service (prod profile; identity and notification stubbed, Stripe's
# API base a closed port), against a plain JDK HTTP server doing the same signature check and the same SQL per event in
# plain JDBC (bench/throughput WebhookFloor). Events per second, p50/p99 latency, and a check of every order's rows
# afterwards (paid once, one outbox email, ...). Prints Markdown for docs/benchmarks.md. Needs PostgreSQL on
# 127.0.0.1:5432 (./suite test starts it; SUITE_PG_HOST/SUITE_PG_PORT for another) and a JDK 21+ (found like ./suite
# does). After the warm-ups (WARMUP events for the service, at most 10 000 for the floor), floor and service take turns
# for ROUNDS rounds of N/ROUNDS events each. BENCH_JAVA_OPTS reaches the service's JVM (e.g. a JFR recording); ORDER_*,
# QUARKUS_* and SUITE_OUTBOX_* variables reach the service; BENCH_CLIENTS changes the 8 clients, BENCH_FLOOR_POOL the
# floor's 8 threads and connections.
#   bench/webhook.sh [N=20000] [WARMUP=40000] [ROUNDS=4]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-20000}"
WARMUP="${2:-40000}"
ROUNDS="${3:-4}"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/*; do
        if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; break; fi
    done
fi
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl order-service -am
"$ROOT/mvnw" -B -q -f "$ROOT/bench/throughput/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/throughput/target/classes:$(cat "$ROOT/bench/throughput/target/classpath.txt")"
"$JAVA_HOME/bin/java" -cp "$CP" dev.commercesuite.bench.WebhookBench "$JAVA_HOME/bin/java" \
    "$ROOT/order-service/target/quarkus-app/quarkus-run.jar" "${SUITE_PG_HOST:-127.0.0.1}" "${SUITE_PG_PORT:-5432}" \
    "$N" "$WARMUP" "$ROUNDS"
