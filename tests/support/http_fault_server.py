#!/usr/bin/env python3
"""HTTP server for the download tests, with faults on demand.

Binds 127.0.0.1 on a free port, prints the port on stdout and serves until
killed. Content is deterministic: the bytes of /file/NAME?size=N depend on
NAME and N only (content(name, size) below), so a test can compute what a
download must hold. Every request is appended to --log as one line:
"METHOD PATH range=<Range> if-range=<If-Range> ua=<User-Agent>".

Paths (all take ?size=N, default 100000):
  /file/NAME          the file; honours Range (and If-Range against its ETag)
  /dir/NAME           /file served without Range support
  /cut/NAME?at=N      the first request closes the connection after N bytes
  /cutnorange/NAME?at=N  /cut, and ignores Range (a retry starts over)
  /flaky/NAME         503 twice, then the file
  /ratelimit/NAME     429 with Retry-After: 1 once, then the file
  /trickle/NAME?rate=B  B bytes every 0.1 s (honours Range)
  /loop/NAME          a redirect to itself, forever
  /norange/NAME       ignores Range: always 200 with the whole file
  /lie/NAME           Content-Length 1000 more than the body, then closes
  /disposition/NAME?name=X   Content-Disposition: attachment; filename="X"
  /redirect/NAME?to=PATH     302 to PATH
State (attempt counts) is per path, in memory.

Without serving: --content NAME SIZE OUT writes what /file/NAME?size=SIZE
sends; --digests LIST ALGO,... prints "ALGO NAME HEX" (hashlib names) for
each /file URL of LIST (one a line), what a test expects of its downloads.
"""
import argparse
import hashlib
import http.server
import socketserver
import sys
import threading
import time
import urllib.parse

STATE = {}
LOCK = threading.Lock()
LOG = None


def content(name, size):
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{name}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def attempt(key):
    with LOCK:
        STATE[key] = STATE.get(key, 0) + 1
        return STATE[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.split("/", 2)
        kind = parts[1] if len(parts) > 1 else ""
        name = parts[2] if len(parts) > 2 else "index"
        size = int(query.get("size", "100000"))
        if LOG:
            with LOCK, open(LOG, "a") as log:
                log.write(f"GET {self.path} range={self.headers.get('Range', '')}"
                          f" if-range={self.headers.get('If-Range', '')}"
                          f" ua={self.headers.get('User-Agent', '')}\n")
        body = content(name, size)
        etag = '"' + hashlib.md5(body).hexdigest() + '"'
        if kind == "flaky" and attempt(self.path) <= 2:
            return self.status_only(503, {})
        if kind == "ratelimit" and attempt(self.path) <= 1:
            return self.status_only(429, {"Retry-After": "1"})
        if kind == "loop":
            return self.status_only(302, {"Location": self.path})
        if kind == "redirect":
            return self.status_only(302, {"Location": query.get("to", "/")})
        headers = {"ETag": etag}
        if kind == "disposition":
            headers["Content-Disposition"] = \
                f'attachment; filename="{query.get("name", "x")}"'
        start = 0
        ranged = self.headers.get("Range", "")
        if_range = self.headers.get("If-Range")
        if (ranged.startswith("bytes=")
                and kind not in ("norange", "cutnorange", "dir", "lie")
                and (if_range is None or if_range == etag)):
            start = int(ranged[6:].split("-")[0])
            if start >= size:
                return self.status_only(416, {"Content-Range": f"bytes */{size}"})
        if start > 0:
            self.send_response(206)
            headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
        else:
            self.send_response(200)
        length = size - start + (1000 if kind == "lie" else 0)
        headers["Content-Length"] = str(length)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        data = body[start:]
        if kind in ("cut", "cutnorange") and attempt(self.path) == 1:
            self.wfile.write(data[:int(query.get("at", "1000"))])
            self.wfile.flush()
            self.close_connection = True
            return
        if kind == "trickle":
            rate = int(query.get("rate", "1000"))
            for offset in range(0, len(data), rate):
                self.wfile.write(data[offset:offset + rate])
                self.wfile.flush()
                time.sleep(0.1)
            return
        self.wfile.write(data)
        if kind == "lie":
            self.wfile.flush()
            self.close_connection = True

    def status_only(self, status, headers):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    global LOG
    parser = argparse.ArgumentParser()
    parser.add_argument("--log")
    parser.add_argument("--content", nargs=3, metavar=("NAME", "SIZE", "OUT"),
                        help="write content(NAME, SIZE) to OUT and exit")
    parser.add_argument("--digests", nargs=2, metavar=("LIST", "ALGOS"),
                        help="print the digests of LIST's files and exit")
    args = parser.parse_args()
    if args.digests:
        algorithms = args.digests[1].split(",")
        for line in open(args.digests[0]):
            url = urllib.parse.urlsplit(line.strip())
            name = url.path.rsplit("/", 1)[1]
            size = int(urllib.parse.parse_qs(url.query)["size"][0])
            data = content(name, size)
            for algorithm in algorithms:
                print(algorithm, name, hashlib.new(algorithm, data).hexdigest())
        return
    if args.content:
        with open(args.content[2], "wb") as out:
            out.write(content(args.content[0], int(args.content[1])))
        return
    LOG = args.log
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
