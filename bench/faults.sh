#!/usr/bin/env bash
# The fault run (issue 13): the suite under steady load while each service is killed with kill -9 and restarted,
# PostgreSQL is stopped for 10 s, Redis for 10 s and SMTP for 30 s; then a count of what was lost or duplicated and
# how long each service took to be ready again. bench/faults.py does the run and prints the report (markdown).
#
#   bench/faults.sh [--duration 150] [--clients 3] [--aot]   (--aot: every service starts from a trained JDK 25 AOT cache)
#
# Needs a Debian PostgreSQL (pg_createcluster/pg_ctlcluster, as root): the run makes its own cluster 'faults' on
# 127.0.0.1:5459 (FAULTS_PG_PORT) and stops and starts only that one. Redis (6389), an SMTP sink (bench/smtp_sink.py,
# 2599) and the Stripe test double (WireMock, 12199) are started here; the services listen on 9280-9283. Nothing
# of a running './suite up' or of the tests is touched. Logs stay in the folder printed at the start.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_PORT="${FAULTS_PG_PORT:-5459}"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/*; do
        if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; break; fi
    done
fi
command -v pg_createcluster >/dev/null || { echo "faults.sh needs Debian's postgresql (pg_createcluster)" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "faults.sh needs redis-server" >&2; exit 2; }

"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl identity-service,order-service,notification-service,gateway-service -am
"$ROOT/suite" keys >/dev/null   # dev JWT keys in .run/keys (also what './suite token' signs with), the local-run classpath
WIREMOCK="$(tr ':' '\n' < "$ROOT/.run/local-run.classpath" | grep '/wiremock-standalone-[^/]*\.jar$' | head -n1)"

VERSION="$(ls /etc/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx faults; then
    pg_createcluster "$VERSION" faults --port "$PG_PORT" -- --auth=trust >/dev/null
fi
pg_ctlcluster --skip-systemctl-redirect "$VERSION" faults start 2>/dev/null || true
for _ in $(seq 50); do psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc 'select 1' postgres >/dev/null 2>&1 && break; sleep 0.2; done
for db in identity orders notifications; do
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $db" postgres
done

WORK="$(mktemp -d /tmp/faults-XXXXXX)"
echo "logs: $WORK"
exec python3 "$ROOT/bench/faults.py" --root "$ROOT" --work "$WORK" --keys "$ROOT/.run/keys" --java-home "$JAVA_HOME" \
    --suite "$ROOT/suite" --wiremock-jar "$WIREMOCK" --pg-cluster "$VERSION/faults" --pg-port "$PG_PORT" \
    --client-secret "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" \
    --webhook-secret "whsec_$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')" "$@"
