#!/usr/bin/env python3
"""Exactly-N check for the gateway's rate limits: C concurrent keep-alive clients send R requests in all, spread over
one or more gateway URLs (replicas sharing one Redis), to a path whose policy allows LIMIT per window; prints the
count of each status and exits 1 unless exactly LIMIT were allowed (200) and every other answer was a 429.

  bench/exact_limit.py LIMIT REQUESTS CLIENTS URL [URL ...]
"""
import collections
import http.client
import sys
import threading
import urllib.parse


def main():
    limit, total, clients = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    urls = [urllib.parse.urlsplit(u) for u in sys.argv[4:]]
    counts = collections.Counter()
    remaining = [total]
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(index):
        url = urls[index % len(urls)]
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        path = url.path + ("?" + url.query if url.query else "")
        start.wait()
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as e:
                status = type(e).__name__
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            with lock:
                counts[status] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    allowed, refused = counts.get(200, 0), counts.get(429, 0)
    others = {k: v for k, v in counts.items() if k not in (200, 429)}
    verdict = "PASS" if allowed == limit and refused == total - limit and not others else "FAIL"
    print(f"{verdict}  limit {limit}, {total} requests from {clients} concurrent clients over {len(urls)} gateway(s):"
          f" {allowed} x 200, {refused} x 429, other {others or 'none'}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
