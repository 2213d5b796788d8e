#!/usr/bin/env bash
# identity-service's authentication benchmarks: enumeration timing (sign-up, resend-verification, forgot-password and login for an
# address with and without an account, N calls each, default 200) and logins per second with 4 clients against the
# bare Argon2id floor (SECONDS per measurement, default 20). Prints Markdown tables for docs/benchmarks.md.
# Needs PostgreSQL on 127.0.0.1:5432 (./suite test starts it) and a JDK 21+ (found like ./suite does).
# BENCH_WARMUP_ROUNDS (default 30) and BENCH_WARMUP_SECONDS (default 10) lengthen the warm-ups, to tell JIT warm-up
# from steady-state cost.
#   bench/identity-auth.sh [N] [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-200}"
SECONDS_PER_MEASURE="${2:-20}"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/*; do
        if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; break; fi
    done
fi
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl identity-service -am
"$ROOT/mvnw" -B -q -f "$ROOT/bench/throughput/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/bench/throughput/target/classes:$(cat "$ROOT/bench/throughput/target/classpath.txt")"
"$JAVA_HOME/bin/java" -cp "$CP" dev.commercesuite.bench.IdentityBench "$JAVA_HOME/bin/java" \
    "$ROOT/identity-service/target/quarkus-app/quarkus-run.jar" "${SUITE_PG_HOST:-127.0.0.1}" "${SUITE_PG_PORT:-5432}" \
    "$N" "$SECONDS_PER_MEASURE"
