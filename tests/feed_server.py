#!/usr/bin/env python3
"""A feed server for tests/feeds_test.cpp: serves the files of ROOT on 127.0.0.1 at an
ephemeral port, prints "PORT <n>" on stdout once listening, and appends one JSON line per
request to LOG (method, path, the conditional headers it came with, the status sent).

    python3 tests/feed_server.py ROOT LOG

Routes (NAME is a file of ROOT; its bytes are read at each request, so a test changes what
is served by rewriting the file):
  /files/NAME        ETag (SHA-256 of the bytes) and Last-Modified (the file's mtime);
                     If-None-Match / If-Modified-Since answered with 304
  /plain/NAME        the bytes, no validators (a server that never answers 304)
  /hostile/NAME      as /files, with Content-Disposition: attachment; filename="../../escape.pdf"
  /slow/S/NAME       waits S seconds before answering (logged on arrival, status "waiting")
  /trickle/NAME      headers at once (Content-Length true), then one byte every 0.5 s
  /big/N             N bytes (not a PDF) with a true Content-Length
  /big-chunked/N     N bytes, chunked, no Content-Length
  /redirect/K/NAME   K redirects (302) before /files/NAME
  /loop              a redirect to itself, forever
  /status/CODE       that status, a short body (404, 500, 503, 429, ...)
  /flaky/K/NAME      503 for the first K requests of this path, then /files/NAME
anything else: 404. Runs until killed.
"""
import email.utils
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

ROOT, LOG = sys.argv[1], sys.argv[2]
log_lock = threading.Lock()
counts = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the JSON log says it all
        pass

    def record(self, status):
        entry = {
            "path": self.path,
            "status": status,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
        }
        with log_lock:
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

    def plain(self, status, body=b"", headers=()):
        self.record(status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_file(self, name):
        path = os.path.join(ROOT, os.path.basename(urllib.parse.unquote(name)))
        try:
            with open(path, "rb") as f:
                return f.read(), os.stat(path).st_mtime
        except OSError:
            return None, None

    def serve_file(self, name, validators=True, extra=()):
        body, mtime = self.read_file(name)
        if body is None:
            return self.plain(404, b"not found")
        headers = list(extra) + [("Content-Type", "application/pdf")]
        if validators:
            etag = '"' + hashlib.sha256(body).hexdigest() + '"'
            modified = email.utils.formatdate(int(mtime), usegmt=True)
            headers += [("ETag", etag), ("Last-Modified", modified)]
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if inm is not None:
                if inm == etag:
                    self.record(304)
                    self.send_response(304)
                    for k, v in headers:
                        self.send_header(k, v)
                    self.end_headers()
                    return
            elif ims is not None:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
                if int(mtime) <= since:
                    self.record(304)
                    self.send_response(304)
                    self.end_headers()
                    return
        self.plain(200, body, headers)

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path).path.split("/")[1:]
        route = parts[0] if parts else ""
        try:
            if route == "files" and len(parts) == 2:
                return self.serve_file(parts[1])
            if route == "plain" and len(parts) == 2:
                return self.serve_file(parts[1], validators=False)
            if route == "hostile" and len(parts) == 2:
                return self.serve_file(parts[1], extra=[
                    ("Content-Disposition", 'attachment; filename="../../escape.pdf"')])
            if route == "slow" and len(parts) == 3:
                self.record("waiting")  # logged on arrival: it may never be answered
                time.sleep(float(parts[1]))
                return self.serve_file(parts[2])
            if route == "trickle" and len(parts) == 2:
                body, _ = self.read_file(parts[1])
                if body is None:
                    return self.plain(404, b"not found")
                self.record(200)
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.5)
                return
            if route == "big" and len(parts) == 2:
                return self.plain(200, b"x" * int(parts[1]))
            if route == "big-chunked" and len(parts) == 2:
                n = int(parts[1])
                self.record(200)
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"x" * 65536
                while n > 0:
                    piece = chunk[:min(n, len(chunk))]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    n -= len(piece)
                self.wfile.write(b"0\r\n\r\n")
                return
            if route == "redirect" and len(parts) == 3:
                k = int(parts[1])
                target = "/files/" + parts[2] if k <= 1 else "/redirect/%d/%s" % (k - 1, parts[2])
                return self.plain(302, b"", [("Location", target)])
            if route == "loop":
                return self.plain(302, b"", [("Location", "/loop")])
            if route == "status" and len(parts) == 2:
                return self.plain(int(parts[1]), b"status " + parts[1].encode())
            if route == "flaky" and len(parts) == 3:
                with log_lock:
                    counts[self.path] = counts.get(self.path, 0) + 1
                    seen = counts[self.path]
                if seen <= int(parts[1]):
                    return self.plain(503, b"try later", [("Retry-After", "0")])
                return self.serve_file(parts[2])
        except (BrokenPipeError, ConnectionResetError):
            return
        self.plain(404, b"not found")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # kansa hanging up (a time-out, the size cap) is what the tests provoke.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
