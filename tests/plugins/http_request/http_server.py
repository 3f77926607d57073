#!/usr/bin/python3
"""Test HTTP(S) server for the http.request tests. Binds 127.0.0.1 on a free port, prints the
port on stdout, then serves until killed:

  /echo             200 application/json {"method", "path", "headers" (lowercased), "body"}
  /text             200 text/plain "hello"
  /problem          400 application/problem+json {"title": "bad"}
  /status/<code>    <code> text/plain "status <code>"
  /bytes/<n>        200 text/plain, n times "x", with Content-Length
  /chunked/<n>      200 text/plain, n times "x", chunked
  /eof/<n>          200 text/plain, n times "x", no length: the body ends when the server closes
  /repeat           200 with two "X-Multi" headers
  /hang             reads the request and never answers

Options: --tls CERT KEY  serve HTTPS with that certificate.
"""
import argparse
import json
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8", "replace") if length else ""

    def _send(self, code, body, content_type="text/plain", extra=(), with_body=True):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _route(self, with_body=True):
        body = self._body()
        path = self.path.split("?")[0]
        parts = path.strip("/").split("/")
        if path == "/echo":
            payload = {"method": self.command, "path": self.path,
                       "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
            self._send(200, json.dumps(payload), "application/json", with_body=with_body)
        elif path == "/text":
            self._send(200, "hello", with_body=with_body)
        elif path == "/problem":
            self._send(400, json.dumps({"title": "bad"}), "application/problem+json; charset=utf-8")
        elif parts[0] == "status":
            code = int(parts[1])
            self._send(code, "status %d" % code)
        elif parts[0] == "bytes":
            self._send(200, "x" * int(parts[1]))
        elif parts[0] == "chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            remaining = int(parts[1])
            while remaining:
                n = min(remaining, 100)
                self.wfile.write(b"%x\r\n%s\r\n" % (n, b"x" * n))
                remaining -= n
            self.wfile.write(b"0\r\n\r\n")
        elif parts[0] == "eof":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"x" * int(parts[1]))
            self.close_connection = True
        elif path == "/repeat":
            self._send(200, "", extra=[("X-Multi", "a"), ("X-Multi", "b")])
        elif path == "/hang":
            time.sleep(3600)
        else:
            self._send(404, "no route " + path)

    def do_GET(self):
        self._route()

    def do_HEAD(self):
        self._route(with_body=False)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
