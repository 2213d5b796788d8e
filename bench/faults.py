#!/usr/bin/env python3
"""The fault run: the whole suite under steady load while its parts are killed and stopped, then a count of what
survived. Started by bench/faults.sh, which builds the services and prepares what this script needs; see there.

Load (for --duration seconds, 150 by default): sign-ups, guest orders, checkouts and Stripe's payment webhooks
(each webhook sent twice, as Stripe may), through the gateway, by several client threads. A client retries an order,
a checkout or a webhook that got no answer or a 502/503/504, with the same Idempotency-Key, as a careful client
does; a sign-up is not retried (its answer never says whether it was carried out).

Faults, at fixed times after the load starts: kill -9 identity, order, notification, gateway in turn (each restarted
at once); stop PostgreSQL for 10 s; stop Redis for 10 s; stop SMTP for 30 s.

Afterwards, once every outbox and the email queue have drained: every order answered 201 exists; no order is paid
twice; every queued email was delivered exactly once (by its id, at the SMTP sink) and every accepted action got its
email; no 500 outside the PostgreSQL outage; and how long each killed service took to be ready again.
"""
import argparse
import collections
import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

SERVICES = ("identity", "order", "notification", "gateway")
READY_TARGET_S = 10.0
# The load comes from one address: every policy still counts in Redis on every request, but none refuses the run.
GATEWAY_LIMITS = "".join("gateway.rate-limit.policies.%s.limit=1000000\n" % policy for policy in (
    "sign-up", "forgot-password", "resend-verification", "login", "order-creation", "checkout", "writes", "reads"))
GATEWAY_LIMITS += "gateway.abuse.max-refusals=1000000\n"


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def http(method, url, body=None, headers=None, timeout=15):
    """(status, parsed JSON or None); status 0 when no answer came."""
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None and isinstance(body, (dict, list)):
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            raw = answer.read()
            return answer.status, _json(raw)
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read())
    except Exception:  # refused, reset, timed out: no answer
        return 0, None


def _json(raw):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def psql(port, database, sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-X", "-q",
                          "-t", "-A", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         capture_output=True, text=True, check=True)
    return [line.split("|") for line in out.stdout.splitlines() if line]


class Suite:
    """The four services as processes of this script, each restartable with the environment it started with."""

    def __init__(self, args):
        self.args = args
        self.processes = {}
        self.environments = {}
        self.ports = {"gateway": args.base_port, "identity": args.base_port + 1, "order": args.base_port + 2,
                      "notification": args.base_port + 3}
        self.logs = {}

    def url(self, service, path=""):
        return "http://127.0.0.1:%d%s" % (self.ports[service], path)

    def environment(self, service):
        a = self.args
        jdbc = "jdbc:postgresql://127.0.0.1:%d/" % a.pg_port
        common = {"QUARKUS_HTTP_HOST": "127.0.0.1", "QUARKUS_HTTP_PORT": str(self.ports[service]),
                  "QUARKUS_SHUTDOWN_DELAY": "0S", "SUITE_PUBLIC_URL": "http://localhost:%d" % self.ports["gateway"],
                  "MP_JWT_VERIFY_PUBLICKEY_LOCATION": os.path.join(a.keys, "jwt-public.pem"),
                  # a failed delivery is retried within seconds, so the queues drain soon after each outage
                  "SUITE_OUTBOX_MAX_BACKOFF": "5S", "NOTIFICATION_DELIVERY_MAX_BACKOFF": "5S"}
        notification_url = self.url("notification")
        if service == "identity":
            common.update({"QUARKUS_DATASOURCE_JDBC_URL": jdbc + "identity", "QUARKUS_DATASOURCE_USERNAME": "postgres",
                           "SMALLRYE_JWT_SIGN_KEY_LOCATION": os.path.join(a.keys, "jwt-private.pem"),
                           "SUITE_OUTBOX_NOTIFICATION_URL": notification_url,
                           "IDENTITY_SERVICE_CLIENTS": "order-service:" + hashlib.sha256(
                               a.client_secret.encode()).hexdigest()})
        elif service == "order":
            common.update({"QUARKUS_DATASOURCE_JDBC_URL": jdbc + "orders", "QUARKUS_DATASOURCE_USERNAME": "postgres",
                           "ORDER_IDENTITY_URL": self.url("identity"), "SUITE_OUTBOX_NOTIFICATION_URL": notification_url,
                           "SUITE_SERVICE_CLIENT_TOKEN_URL": self.url("identity", "/api/v1/auth/token"),
                           "SUITE_SERVICE_CLIENT_ID": "order-service", "SUITE_SERVICE_CLIENT_SECRET": a.client_secret,
                           "STRIPE_SECRET_KEY": "sk_test_local_double", "STRIPE_PUBLISHABLE_KEY": "pk_test_local_double",
                           "STRIPE_API_BASE": "http://127.0.0.1:%d" % a.stripe_port,
                           "STRIPE_WEBHOOK_SECRET": a.webhook_secret})
        elif service == "notification":
            common.update({"QUARKUS_DATASOURCE_JDBC_URL": jdbc + "notifications",
                           "QUARKUS_DATASOURCE_USERNAME": "postgres", "QUARKUS_MAILER_HOST": "127.0.0.1",
                           "QUARKUS_MAILER_PORT": str(a.smtp_port)})
        else:
            common.update({"GATEWAY_UPSTREAMS_IDENTITY": self.url("identity"),
                           "GATEWAY_UPSTREAMS_ORDER": self.url("order"),
                           "GATEWAY_UPSTREAMS_NOTIFICATION": notification_url,
                           "GATEWAY_RATE_LIMIT_STORE": "redis",
                           "QUARKUS_REDIS_HOSTS": "redis://127.0.0.1:%d" % a.redis_port})
        env = dict(os.environ)
        env.update(common)
        return env

    def start(self, service, jvm_options=None):
        if jvm_options is None:
            jvm_options = ["-XX:AOTCache=" + self.aot_cache(service)] if self.args.aot else []
        jar = os.path.join(self.args.root, "%s-service/target/quarkus-app/quarkus-run.jar" % service)
        out = open(os.path.join(self.args.work, "%s.log" % service), "a")
        workdir = os.path.join(self.args.work, service)  # gateway: config/application.properties raises the limits
        os.makedirs(os.path.join(workdir, "config"), exist_ok=True)
        if service == "gateway":
            with open(os.path.join(workdir, "config/application.properties"), "w") as config:
                config.write(GATEWAY_LIMITS)
        self.processes[service] = subprocess.Popen([os.path.join(self.args.java_home, "bin/java")] + jvm_options +
                                                   ["-jar", jar],
                                                   cwd=workdir, env=self.environment(service), stdout=out,
                                                   stderr=subprocess.STDOUT)

    def aot_cache(self, service):
        return os.path.join(self.args.work, service + ".aot")

    def train(self, shop_setup):
        """--aot: one training run of the four services (start, a shop, a few orders and sign-ups, stop) that writes
        a JDK 25 AOT cache per service (classes loaded and linked, method profiles) for every later start."""
        for service in SERVICES:
            self.start(service, ["-XX:AOTCacheOutput=" + self.aot_cache(service)])
        for service in SERVICES:
            if self.await_ready(service, 180) is None:
                sys.exit("%s-service did not start for training; see %s/%s.log" % (service, self.args.work, service))
        shop_setup()
        self.stop_all()

    def ready(self, service):
        status, _ = http("GET", self.url(service, "/q/health/ready"), timeout=2)
        return status == 200

    def await_ready(self, service, limit=120):
        """Seconds until the service answered ready, or None."""
        started = time.monotonic()
        while time.monotonic() - started < limit:
            if self.processes[service].poll() is not None:
                return None
            if self.ready(service):
                return time.monotonic() - started
            time.sleep(0.1)
        return None

    def kill_and_restart(self, service):
        self.processes[service].kill()  # SIGKILL: no shutdown hook, no drain
        self.processes[service].wait()
        self.start(service)
        return self.await_ready(service)

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()


class Dependency:
    """A dependency this script can stop and start: PostgreSQL (pg_ctlcluster), Redis or the SMTP sink."""

    def __init__(self, name, start, stop):
        self.name, self._start, self._stop = name, start, stop

    def stop(self):
        self._stop()

    def start(self):
        self._start()


class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.answers = []  # (t, kind, status)
        self.problems = collections.Counter()  # (kind, status, problem type) of refusals
        self.signups = []  # addresses answered 202
        self.orders = {}  # id -> guest address, for orders answered 201
        self.paid = set()  # order ids a webhook answered 'paid' or 'duplicate' for
        self.stop = threading.Event()

    def answer(self, kind, status, body):
        with self.lock:
            self.answers.append((time.monotonic(), kind, status))
            if status >= 400 and isinstance(body, dict):
                self.problems[(kind, status, str(body.get("type", "")).rsplit("/", 1)[-1])] += 1


class Load:
    def __init__(self, suite, args, record, shop, tag=None):
        self.suite, self.args, self.record, self.shop = suite, args, record, shop
        self.tag = tag or args.run
        self.gateway = suite.url("gateway")
        self.counter = collections.Counter()
        self.counter_lock = threading.Lock()

    def next(self, kind):
        with self.counter_lock:
            self.counter[kind] += 1
            return self.counter[kind]

    def call(self, kind, method, path, body=None, headers=None, retry=True):
        """One logical request: retried with the same headers on no answer or 502/503/504, for up to 60 s."""
        deadline = time.monotonic() + 60
        while True:
            status, answer = http(method, self.gateway + path, body, headers)
            self.record.answer(kind, status, answer)
            if not retry or status not in (0, 502, 503, 504) or time.monotonic() > deadline:
                return status, answer
            time.sleep(0.5)

    def signups(self):
        while not self.record.stop.is_set():
            self.signup_once()

    def orders(self):
        while not self.record.stop.is_set():
            self.order_once()

    def signup_once(self):
        address = "signup-%s-%d@example.com" % (self.tag, self.next("signup"))
        status, _ = self.call("signup", "POST", "/api/v1/auth/signup",
                              {"tenant": self.shop["slug"], "email": address, "password": "correct horse battery 9",
                               "name": "Load"}, retry=False)
        if status == 202:
            with self.record.lock:
                self.record.signups.append(address)
        time.sleep(self.args.pause)

    def order_once(self):
        n = self.next("order")
        address = "guest-%s-%d@example.com" % (self.tag, n)
        status, placed = self.call("order", "POST", "/api/v1/orders",
                                   {"tenant": self.shop["slug"], "email": address, "name": "Guest",
                                    "items": [{"productId": self.shop["product"], "quantity": 1}]},
                                   {"Idempotency-Key": "order-%s-%d" % (self.tag, n)})
        if status != 201 or not placed:
            time.sleep(self.args.pause)
            return
        order_id, token = placed["id"], placed["accessToken"]
        with self.record.lock:
            self.record.orders[order_id] = address
        if n % 2:  # every other order is paid; the rest stay pending
            self.pay(order_id, token, placed)
        time.sleep(self.args.pause)

    def pay(self, order_id, token, placed):
        status, checkout = self.call("checkout", "POST", "/api/v1/orders/%s/checkout" % order_id,
                                     headers={"X-Order-Token": token, "Idempotency-Key": "checkout-" + order_id})
        if status != 200 or not checkout:
            return
        intent = checkout["paymentIntentId"]
        self.stripe_paid(order_id, intent, placed)
        event = {"id": "evt_fault_" + uuid.uuid4().hex[:20], "object": "event", "api_version": "2026-07-29.dahlia",
                 "created": int(time.time()), "livemode": False, "type": "payment_intent.succeeded",
                 "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
                 "data": {"object": {"id": intent, "object": "payment_intent", "amount": placed["total"],
                                     "amount_received": placed["total"], "currency": placed["currency"].lower(),
                                     "status": "succeeded",
                                     "metadata": {"orderId": order_id, "tenantId": self.shop["id"],
                                                  "orderNumber": str(placed["orderNumber"])}}}}
        payload = json.dumps(event).encode()
        for _ in range(2):  # Stripe delivers at least once: the second is a duplicate
            now = int(time.time())
            signature = hmac.new(self.args.webhook_secret.encode(), b"%d." % now + payload, hashlib.sha256).hexdigest()
            status, answer = self.call("webhook", "POST", "/api/v1/webhooks/stripe", payload,
                                       {"Content-Type": "application/json",
                                        "Stripe-Signature": "t=%d,v1=%s" % (now, signature)})
            if status == 200:
                with self.record.lock:
                    self.record.paid.add(order_id)

    def stripe_paid(self, order_id, intent, placed):
        """The Stripe double answers for this PaymentIntent as Stripe would for a paid one (as './suite pay' does)."""
        with open(os.path.join(self.args.root, "deploy/local-run/stripe/paid-intent-stubs.json")) as template:
            text = template.read()
        for name, value in {"@ORDER_ID@": order_id, "@PAYMENT_INTENT@": intent, "@AMOUNT@": str(placed["total"]),
                            "@CURRENCY@": placed["currency"].lower(), "@TENANT_ID@": self.shop["id"],
                            "@ORDER_NUMBER@": str(placed["orderNumber"]),
                            "@CHARGE@": "ch_fault_" + order_id.replace("-", "")}.items():
            text = text.replace(name, value)
        http("POST", "http://127.0.0.1:%d/__admin/mappings/import" % self.args.stripe_port, text.encode(),
             {"Content-Type": "application/json"})


def train_load(suite, args):
    while http("GET", "http://127.0.0.1:%d/__admin/health" % args.stripe_port)[0] != 200:
        time.sleep(0.2)
    shop = setup_shop(suite, args, "train-")
    record = Record()
    load = Load(suite, args, record, shop, "train-" + args.run)
    for _ in range(4):
        load.order_once()
        load.signup_once()


def setup_shop(suite, args, prefix="faults-"):
    slug = prefix + args.run
    status, tenant = http("POST", suite.url("gateway", "/api/v1/tenants"),
                          {"name": "Fault Run", "slug": slug, "adminEmail": "admin-%s@example.com" % args.run,
                           "adminPassword": "correct horse battery 9", "adminName": "Admin"})
    if status != 201:
        sys.exit("could not create the shop: %s %s" % (status, tenant))
    # the plan without a monthly order limit (a starter shop takes 100 orders a month), as an operator would set it
    psql(args.pg_port, "identity", "update tenants set tier = 'studio' where id = '%s'" % tenant["id"])
    admin = subprocess.run([args.suite, "token", "admin", str(uuid.uuid4()), tenant["id"]], capture_output=True,
                           text=True, check=True).stdout.strip()
    status, product = http("POST", suite.url("gateway", "/api/v1/products"),
                           {"sku": "FAULT-1", "name": "Fault-tolerant mug", "price": 1500, "currency": "EUR"},
                           {"Authorization": "Bearer " + admin})
    if status != 201:
        sys.exit("could not create the product: %s %s" % (status, product))
    return {"slug": slug, "id": tenant["id"], "product": product["id"]}


def main():
    parser = argparse.ArgumentParser()
    for name in ("root", "work", "keys", "java-home", "suite", "client-secret", "webhook-secret", "wiremock-jar"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--pg-cluster", required=True, help="VERSION/NAME of the Debian cluster to stop and start")
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--redis-port", type=int, default=6389)
    parser.add_argument("--smtp-port", type=int, default=2599)
    parser.add_argument("--stripe-port", type=int, default=12199)
    parser.add_argument("--base-port", type=int, default=9280)
    parser.add_argument("--duration", type=int, default=150)
    parser.add_argument("--clients", type=int, default=3, help="order clients (one sign-up client besides)")
    parser.add_argument("--pause", type=float, default=0.05)
    parser.add_argument("--aot", action="store_true", help="start every service from a JDK 25 AOT cache, trained first")
    args = parser.parse_args()
    args.run = uuid.uuid4().hex[:8]
    version, cluster = args.pg_cluster.split("/")

    sink_log = os.path.join(args.work, "smtp-received.jsonl")
    children = {}

    def spawn(name, command):
        children[name] = subprocess.Popen(command, stdout=open(os.path.join(args.work, name + ".log"), "a"),
                                          stderr=subprocess.STDOUT)

    def stop_child(name):
        children[name].kill()
        children[name].wait()

    def pg(action):
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, action] +
                       (["-m", "fast"] if action == "stop" else []), check=True, capture_output=True)

    start_redis = lambda: spawn("redis", ["redis-server", "--port", str(args.redis_port), "--bind", "127.0.0.1",
                                          "--save", "", "--appendonly", "no"])
    start_smtp = lambda: spawn("smtp", [sys.executable, os.path.join(args.root, "bench/smtp_sink.py"),
                                        str(args.smtp_port), sink_log])
    start_redis()
    start_smtp()
    spawn("stripe", [os.path.join(args.java_home, "bin/java"), "-jar", args.wiremock_jar, "--bind-address",
                     "127.0.0.1", "--port", str(args.stripe_port), "--root-dir",
                     os.path.join(args.root, "deploy/local-run/stripe"), "--disable-banner",
                     "--max-request-journal-entries", "100"])
    dependencies = {"postgresql": Dependency("postgresql", lambda: pg("start"), lambda: pg("stop")),
                    "redis": Dependency("redis", start_redis, lambda: stop_child("redis")),
                    "smtp": Dependency("smtp", start_smtp, lambda: stop_child("smtp"))}

    suite = Suite(args)
    try:
        if args.aot:
            log("training run for the AOT caches")
            suite.train(lambda: train_load(suite, args))
        for service in SERVICES:
            suite.start(service)
        for service in SERVICES:
            if suite.await_ready(service, 180) is None:
                sys.exit("%s-service did not start; see %s/%s.log" % (service, args.work, service))
        while http("GET", "http://127.0.0.1:%d/__admin/health" % args.stripe_port)[0] != 200:
            time.sleep(0.2)
        shop = setup_shop(suite, args)
        log("suite ready; shop %s; load for %d s with %d order clients and 1 sign-up client"
            % (shop["slug"], args.duration, args.clients))

        record = Record()
        load = Load(suite, args, record, shop)
        threads = [threading.Thread(target=load.signups, daemon=True)]
        threads += [threading.Thread(target=load.orders, daemon=True) for _ in range(args.clients)]
        t0 = time.monotonic()
        for thread in threads:
            thread.start()

        def at(seconds):
            delay = t0 + seconds - time.monotonic()
            if delay > 0:
                time.sleep(delay)

        ready_after = {}
        windows = {}
        schedule = [(10, "identity"), (25, "order"), (40, "notification"), (55, "gateway")]
        for when, service in schedule:
            at(when)
            killed = time.monotonic()
            seconds = suite.kill_and_restart(service)
            windows[service] = (killed, time.monotonic())
            ready_after[service] = seconds
            log("kill -9 %s-service, restarted: ready after %s s" % (
                service, "%.1f" % seconds if seconds is not None else "NEVER"))
        for when, name, down in ((70, "postgresql", 10), (95, "redis", 10), (115, "smtp", 30)):
            at(when)
            stopped = time.monotonic()
            dependencies[name].stop()
            log("%s stopped for %d s" % (name, down))
            time.sleep(down)
            dependencies[name].start()
            windows[name] = (stopped, time.monotonic())
            log("%s started again" % name)
        at(args.duration)
        record.stop.set()
        for thread in threads:
            thread.join(timeout=120)
        log("load stopped after %.0f s; waiting for the outboxes and the email queue to drain" % (
            time.monotonic() - t0))

        drained = drain(args, time.monotonic() + 240)
        report(args, suite, record, windows, ready_after, drained, sink_log, t0)
    finally:
        suite.stop_all()
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        try:
            pg("start")
        except subprocess.CalledProcessError:
            pass


def drain(args, deadline):
    while time.monotonic() < deadline:
        try:
            pending = sum(int(psql(args.pg_port, db, "select count(*) from outbox where status in "
                                   "('pending', 'sending')")[0][0]) for db in ("identity", "orders"))
            pending += int(psql(args.pg_port, "notifications",
                                "select count(*) from emails where status in ('queued', 'sending')")[0][0])
        except subprocess.CalledProcessError:
            pending = -1
        if pending == 0:
            return True
        time.sleep(1)
    return False


def report(args, suite, record, windows, ready_after, drained, sink_log, t0):
    problems = []
    statuses = collections.Counter((kind, status) for _, kind, status in record.answers)
    pg_down = windows["postgresql"]
    outside = [(t - t0, kind) for t, kind, status in record.answers
               if status == 500 and not (pg_down[0] <= t <= pg_down[1])]
    inside = sum(1 for t, _, status in record.answers if status == 500 and pg_down[0] <= t <= pg_down[1])

    order_ids = list(record.orders)
    existing = set()
    for i in range(0, len(order_ids), 500):
        chunk = ",".join("'%s'" % o for o in order_ids[i:i + 500])
        existing |= {row[0] for row in psql(args.pg_port, "orders", "select id from orders where id in (%s)" % chunk)}
    missing = [o for o in order_ids if o not in existing]
    paid_twice = psql(args.pg_port, "orders", "select order_id, count(*) from order_events where status = 'paid' "
                                              "group by order_id having count(*) > 1")
    paid_rows = int(psql(args.pg_port, "orders", "select count(*) from orders where status = 'paid'")[0][0])
    dead = {db: int(psql(args.pg_port, db, "select count(*) from outbox where status = 'dead'")[0][0])
            for db in ("identity", "orders")}
    emails = psql(args.pg_port, "notifications", "select id, status, recipient, template from emails")
    email_status = collections.Counter(row[1] for row in emails)

    received = []
    with open(sink_log, encoding="utf-8") as lines:
        for line in lines:
            received.append(json.loads(line))
    by_id = collections.Counter(r["emailId"] for r in received)
    duplicates = {i: n for i, n in by_id.items() if n > 1}
    not_received = [row[0] for row in emails if row[1] == "sent" and row[0] not in by_id]
    to_count = collections.Counter(to for r in received for to in r["to"])
    signups_without_email = [a for a in record.signups if to_count[a] < 1]
    orders_without_email = [a for a in record.orders.values() if to_count[a] < 1]
    paid_without_email = [o for o in record.paid if to_count[record.orders[o]] < 2]

    print()
    print("## Fault run %s (%d s of load, %d order clients)" % (args.run, args.duration, args.clients))
    print()
    print("| what | count |")
    print("|---|---:|")
    for kind in ("signup", "order", "checkout", "webhook"):
        parts = ", ".join("%s: %d" % (status or "no answer", n)
                          for (k, status), n in sorted(statuses.items(), key=lambda x: str(x[0][1])) if k == kind)
        print("| %s answers | %s |" % (kind, parts))
    print("| sign-ups accepted (202) | %d |" % len(record.signups))
    print("| orders answered 201 / found in the database | %d / %d |" % (len(order_ids), len(existing)))
    print("| orders a webhook paid / orders paid in the database | %d / %d |" % (len(record.paid), paid_rows))
    print("| orders with more than one 'paid' event | %d |" % len(paid_twice))
    print("| emails queued (notification rows) by status | %s |" % dict(email_status))
    print("| messages received by SMTP / distinct email ids | %d / %d |" % (len(received), len(by_id)))
    print("| email ids received more than once | %d |" % len(duplicates))
    print("| sent emails never received | %d |" % len(not_received))
    print("| accepted sign-ups / 201 orders / paid orders without their email | %d / %d / %d |"
          % (len(signups_without_email), len(orders_without_email), len(paid_without_email)))
    print("| dead outbox messages (identity, orders) | %d, %d |" % (dead["identity"], dead["orders"]))
    print("| 500 answers while PostgreSQL was down / at any other time | %d / %d |" % (inside, len(outside)))
    print("| queues drained after the load | %s |" % ("yes" if drained else "NO"))
    print()
    print("Refusals by problem type: " + ", ".join("%s %d %s: %d" % (k, st, t, n)
                                                     for (k, st, t), n in sorted(record.problems.items())))
    print()
    print("| service killed (kill -9) | ready again after (s) |")
    print("|---|---:|")
    for service in SERVICES:
        seconds = ready_after.get(service)
        print("| %s-service | %s |" % (service, "%.1f" % seconds if seconds is not None else "never"))
    print()
    print("Fault windows (s after the load started): " + ", ".join(
        "%s %.0f-%.0f" % (name, start - t0, end - t0) for name, (start, end) in sorted(
            windows.items(), key=lambda item: item[1][0])))

    if missing:
        problems.append("%d orders answered 201 are missing" % len(missing))
    if paid_twice:
        problems.append("%d orders paid twice" % len(paid_twice))
    if duplicates:
        problems.append("%d emails delivered more than once" % len(duplicates))
    if not_received or signups_without_email or orders_without_email or paid_without_email:
        problems.append("emails missing")
    if email_status.get("dead") or dead["identity"] or dead["orders"]:
        problems.append("dead messages")
    if outside:
        problems.append("500 answers outside the PostgreSQL outage: %s" % outside[:10])
    if not drained:
        problems.append("the queues did not drain")
    slow = [s for s in SERVICES if ready_after.get(s) is None or ready_after[s] > READY_TARGET_S]
    if slow:
        problems.append("not ready within %.0f s of restart: %s" % (READY_TARGET_S, ", ".join(slow)))
    print()
    print("Target (nothing lost, nothing duplicated, every service ready within 10 s): " +
          ("MET" if not problems else "MISSED: " + "; ".join(problems)))


if __name__ == "__main__":
    main()
