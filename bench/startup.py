#!/usr/bin/env python3
"""Start-up time and memory of each service against the framework floor, in JVM mode on this machine.

For each app, RUNS times (default 5): spawn the packaged fast-jar, poll its readiness URL every 5 ms until it answers
200 (time from spawn to that answer), send one request, read the process's RSS (VmRSS), stop it. Prints the median of
each and the ratio to the floor (a bare Quarkus REST hello app built by this script from bench/floor-app), as a
Markdown table for docs/benchmarks.md.

With --aot, each app first gets a training run that writes a JDK 25 AOT cache (-XX:AOTCacheOutput: classes loaded
and linked, method profiles), and the measured runs start from it (-XX:AOTCache); the floor is trained the same way.

Usage: bench/startup.py [--runs N] [--java PATH] [--jvm-opts "..."] [--aot] [--skip-build]
Needs: PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (./suite test starts them), a JDK 21+.
"""
import argparse
import http.client
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 18090


def find_java():
    candidates = [os.environ.get("JAVA_HOME", "")] + sorted(
        os.path.join("/usr/lib/jvm", d) for d in os.listdir("/usr/lib/jvm")) if os.path.isdir("/usr/lib/jvm") else []
    for home in candidates:
        java = os.path.join(home, "bin", "java")
        if home and os.access(java, os.X_OK):
            out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
            version = out.split('"')[1] if '"' in out else "0"
            if int(version.split(".")[0]) >= 21:
                return java
    sys.exit("no JDK 21+ found; set JAVA_HOME")


def build(java):
    env = dict(os.environ, JAVA_HOME=os.path.dirname(os.path.dirname(java)))
    subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "package", "-DskipTests"], cwd=ROOT, env=env, check=True)
    subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "-f", "bench/floor-app/pom.xml", "package"],
                   cwd=ROOT, env=env, check=True)


def keys(java, directory):
    classpath = os.path.join(ROOT, "deploy", "local-run", "target", "classes")
    subprocess.run([java, "-cp", classpath, "dev.commercesuite.localrun.DevKeys", directory], check=True,
                   capture_output=True)
    return os.path.join(directory, "jwt-private.pem"), os.path.join(directory, "jwt-public.pem")


def apps(key_dir, java):
    private_key, public_key = keys(java, key_dir)
    common = {"QUARKUS_LOG_CONSOLE_JSON_ENABLED": "false", "QUARKUS_DATASOURCE_USERNAME": "postgres"}

    def db(name):
        return "jdbc:postgresql://127.0.0.1:5432/" + name

    return [
        ("floor (bare Quarkus REST hello)", "bench/floor-app", "/hello", {}),
        ("identity-service", "identity-service", "/q/health/ready",
         dict(common, QUARKUS_DATASOURCE_JDBC_URL=db("identity_test"), SMALLRYE_JWT_SIGN_KEY_LOCATION=private_key,
              MP_JWT_VERIFY_PUBLICKEY_LOCATION=public_key,
              SUITE_OUTBOX_NOTIFICATION_URL="http://127.0.0.1:8083", SUITE_OUTBOX_ENABLED="false")),
        ("order-service", "order-service", "/q/health/ready",
         dict(common, QUARKUS_DATASOURCE_JDBC_URL=db("orders_test"), MP_JWT_VERIFY_PUBLICKEY_LOCATION=public_key,
              # what production requires of order-service; nothing is called while it starts
              ORDER_IDENTITY_URL="http://127.0.0.1:8081", SUITE_OUTBOX_NOTIFICATION_URL="http://127.0.0.1:8083",
              SUITE_OUTBOX_ENABLED="false", SUITE_SERVICE_CLIENT_TOKEN_URL="http://127.0.0.1:8081/api/v1/auth/token",
              SUITE_SERVICE_CLIENT_ID="order-service", SUITE_SERVICE_CLIENT_SECRET=os.urandom(24).hex(),
              STRIPE_SECRET_KEY="sk_test_startup_bench", STRIPE_PUBLISHABLE_KEY="pk_test_startup_bench",
              STRIPE_WEBHOOK_SECRET="whsec_" + os.urandom(16).hex())),
        ("notification-service", "notification-service", "/q/health/ready",
         dict(common, QUARKUS_DATASOURCE_JDBC_URL=db("notifications_test"), QUARKUS_MAILER_HOST="127.0.0.1",
              SUITE_PUBLIC_URL="http://localhost:8080", MP_JWT_VERIFY_PUBLICKEY_LOCATION=public_key,
              NOTIFICATION_DELIVERY_ENABLED="false")),
        ("gateway-service", "gateway-service", "/q/health/ready",
         dict(common, QUARKUS_REDIS_HOSTS="redis://127.0.0.1:6379", MP_JWT_VERIFY_PUBLICKEY_LOCATION=public_key)),
    ]


def status(path):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
        connection.request("GET", path)
        code = connection.getresponse().status
        connection.close()
        return code
    except OSError:
        return -1


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def one_run(java, jvm_opts, module, path, env, extra_requests=()):
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "QUARKUS_HTTP_PORT": str(PORT)}
    environment.update(env)
    jar = os.path.join(ROOT, module, "target", "quarkus-app", "quarkus-run.jar")
    start = time.perf_counter()
    process = subprocess.Popen([java] + jvm_opts + ["-jar", jar], env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        deadline = start + 120
        while status(path) != 200:
            if process.poll() is not None:
                raise RuntimeError(f"{module} exited: {process.stderr.read().decode()[-2000:]}")
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{module} not ready after 120 s")
            time.sleep(0.005)
        elapsed_ms = (time.perf_counter() - start) * 1000
        status(path)  # the first request after readiness, as a client would send
        for request in extra_requests:
            status(request)
        return elapsed_ms, rss_kib(process.pid) / 1024
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--java")
    parser.add_argument("--jvm-opts", default="")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--aot", action="store_true", help="train and use a JDK AOT cache per app (JDK 25+)")
    args = parser.parse_args()
    java = args.java or find_java()
    jvm_opts = args.jvm_opts.split()
    if not args.skip_build:
        build(java)
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    with tempfile.TemporaryDirectory() as key_dir:
        results = []
        for name, module, path, env in apps(key_dir, java):
            opts = list(jvm_opts)
            if args.aot:
                cache = os.path.join(key_dir, module.replace("/", "-") + ".aot")
                # training: start, answer the probes and a few typical requests, stop; the JVM writes the cache
                one_run(java, opts + ["-XX:AOTCacheOutput=" + cache], module, path, env,
                        ("/q/health/live", "/q/health/started", "/q/metrics", "/no-such-route"))
                opts.append("-XX:AOTCache=" + cache)
            runs = [one_run(java, opts, module, path, env) for _ in range(args.runs)]
            start_ms = statistics.median(r[0] for r in runs)
            rss_mib = statistics.median(r[1] for r in runs)
            results.append((name, start_ms, rss_mib, [round(r[0]) for r in runs]))
            print(f"{name}: start {start_ms:.0f} ms, RSS {rss_mib:.1f} MiB (runs: {[round(r[0]) for r in runs]})",
                  file=sys.stderr)
    floor_start, floor_rss = results[0][1], results[0][2]
    print(f"{version}; {os.cpu_count()} cores; {platform.platform()}; JVM options: {' '.join(jvm_opts) or '(none)'};"
          f" AOT cache: {'yes, trained per app' if args.aot else 'no'};"
          f" median of {args.runs}\n")
    print("| app | start to ready (ms) | x floor (target <= 1.5) | RSS after first request (MiB) |"
          " x floor (target <= 1.3) | start times of the runs (ms) |")
    print("|---|---:|---:|---:|---:|---|")
    for name, start_ms, rss_mib, runs in results:
        print(f"| {name} | {start_ms:.0f} | {start_ms / floor_start:.2f} | {rss_mib:.1f} | {rss_mib / floor_rss:.2f}"
              f" | {', '.join(map(str, runs))} |")


if __name__ == "__main__":
    main()
