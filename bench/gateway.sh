#!/usr/bin/env bash
# gateway-service against the gateways people pick instead, in one run, plus the exactly-N check of its rate limits.
#
# 1. Builds gateway-service, makes sure Redis answers on 127.0.0.1:6379 (starts redis-server if not) and starts two
#    gateway replicas (9104, 9107) on that Redis, every upstream pointed at 127.0.0.1:9101, with rate limiting in
#    Redis, CORS for https://app.example.com and the security headers on; the measured policy is `reads` raised to
#    1,000,000 requests/s per client address (as the peers' limiters are set: consulted on every request, never
#    reached), and a policy `exact` allows 200 GET /api/v1/products per hour per address.
# 2. Exactly-N: with a plain nginx upstream on 9101, 32 concurrent clients send 1000 requests to /api/v1/products,
#    first through one replica, then split over both (the count lives in Redis): exactly 200 must be 200s, the rest 429s.
# 3. Runs the peer harness (nginx with limit_req/CORS/headers and Spring Cloud Gateway with its Redis rate limiter,
#    measured with wrk -t2 -c32; it lives outside this repository: PEERS=/path/to/peers/gateway) with
#    `--suite http://127.0.0.1:9104/api/v1/users/me`, the load sending `X-Forwarded-Proto: https` as a TLS-terminating
#    load balancer would (127.0.0.1 is the trusted proxy here), so the gateway answers with HSTS too.
# Extra arguments go to the harness (e.g. --rounds 3 --duration 15). GATEWAY_JAVA_OPTS reaches the gateways' JVMs.
#   PEERS=../shared/peers/gateway bench/gateway.sh [harness options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/peers/gateway}"
[ -x "$PEERS/run" ] || { echo "no peer harness at $PEERS (set PEERS)" >&2; exit 2; }
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/*; do
        if "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME="$candidate"; break; fi
    done
fi
command -v nginx >/dev/null && command -v wrk >/dev/null || apt-get install -y -q nginx wrk >/dev/null
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests -pl gateway-service -am
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --save '' >/dev/null

RUN="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -f "$RUN/upstream.pid" ] && kill "$(cat "$RUN/upstream.pid")" 2>/dev/null || true
    rm -rf "$RUN"
}
trap cleanup EXIT

mkdir -p "$RUN/config"
cat > "$RUN/config/application.properties" <<'PROPS'
gateway.rate-limit.policies.reads.limit=1000000
gateway.rate-limit.policies.reads.window=1S
gateway.rate-limit.policies.exact.order=50
gateway.rate-limit.policies.exact.limit=200
gateway.rate-limit.policies.exact.window=1H
gateway.rate-limit.policies.exact.key=ip
gateway.rate-limit.policies.exact.methods=GET
gateway.rate-limit.policies.exact.paths=/api/v1/products
gateway.abuse.max-refusals=1000000
gateway.cors.origins=https://app.example.com
gateway.trusted-proxies=127.0.0.1/32
PROPS
start_gateway() { # port
    (cd "$RUN" && exec env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$1" \
        GATEWAY_UPSTREAMS_IDENTITY=http://127.0.0.1:9101 GATEWAY_UPSTREAMS_ORDER=http://127.0.0.1:9101 \
        GATEWAY_UPSTREAMS_NOTIFICATION=http://127.0.0.1:9101 QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379 \
        QUARKUS_LOG_CONSOLE_JSON_ENABLED=false QUARKUS_SHUTDOWN_DELAY=0S \
        "$JAVA_HOME/bin/java" ${GATEWAY_JAVA_OPTS:-} -jar "$ROOT/gateway-service/target/quarkus-app/quarkus-run.jar" \
        >"$RUN/gateway-$1.log" 2>&1) &
    PIDS+=($!)
}
start_gateway 9104
start_gateway 9107
for port in 9104 9107; do
    for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break; sleep 0.5; done
done

cat > "$RUN/upstream.conf" <<CONF
worker_processes 1;
pid $RUN/upstream.pid;
error_log $RUN/upstream-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $RUN/b; proxy_temp_path $RUN/p; fastcgi_temp_path $RUN/f; uwsgi_temp_path $RUN/u; scgi_temp_path $RUN/s;
    server { listen 127.0.0.1:9101; location / { default_type application/json; return 200 '{"ok":true}'; } }
}
CONF
nginx -c "$RUN/upstream.conf" -e "$RUN/upstream-error.log"
for _ in $(seq 20); do curl -s -o /dev/null http://127.0.0.1:9101/ && break; sleep 0.2; done
# warm both replicas (JIT, pools) the way a running deployment is, and wait until neither is in its Redis fallback
for port in 9104 9107; do wrk -t2 -c32 -d10s "http://127.0.0.1:$port/api/v1/users/me" >/dev/null; done
for port in 9104 9107; do
    for _ in $(seq 60); do curl -s "http://127.0.0.1:$port/q/health/ready" | grep -q '"fallback":false' && break; sleep 0.5; done
done
echo "Exactly-N (policy exact: 200 per hour per address, 32 concurrent clients, 1000 requests):"
redis-cli -h 127.0.0.1 -p 6379 --scan --pattern 'rl:{exact:*' | xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null
python3 "$ROOT/bench/exact_limit.py" 200 1000 32 http://127.0.0.1:9104/api/v1/products || true
redis-cli -h 127.0.0.1 -p 6379 --scan --pattern 'rl:{exact:*' | xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null
python3 "$ROOT/bench/exact_limit.py" 200 1000 32 http://127.0.0.1:9104/api/v1/products http://127.0.0.1:9107/api/v1/products || true
grep -h 'in-process' "$RUN"/gateway-*.log | cut -c1-200 || true   # a replica that fell back to local counts says so
kill "$(cat "$RUN/upstream.pid")"; rm -f "$RUN/upstream.pid"
for _ in $(seq 20); do curl -s -o /dev/null http://127.0.0.1:9101/ || break; sleep 0.2; done
kill -TERM "${PIDS[1]}"   # the second replica only served the exactly-N check

"$PEERS/run" --suite http://127.0.0.1:9104/api/v1/users/me --header 'X-Forwarded-Proto: https' "$@"
grep -E 'ERROR|WARN' "$RUN/gateway-9104.log" | grep -v 'rate-limit' | head -20 || true
