#!/usr/bin/python3
"""POSTs N JSON bodies to a URL over K keep-alive connections; prints nothing, exits 1 on a
non-202 answer. Usage: post_many.py URL N K"""
import http.client
import sys
import threading
import urllib.parse

url, total, conns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
parts = urllib.parse.urlsplit(url)
target = parts.path + ("?" + parts.query if parts.query else "")
failures = []


def worker(count):
    c = http.client.HTTPConnection(parts.hostname, parts.port)
    for i in range(count):
        c.request("POST", target, body='{"title":"note %d","body":"%s"}' % (i, "x" * 150),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        if r.status != 202:
            failures.append(r.status)


threads = [threading.Thread(target=worker, args=(total // conns + (1 if i < total % conns else 0),))
           for i in range(conns)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.exit(1 if failures else 0)
