"""A fake SMS gateway on the loopback address, for tests: a small threaded HTTP server that answers each POST
as scripted (accept, a status code, a delay longer than the client's timeout) and records what it received.

Like a real gateway it sends one text per idempotency key: a repeated key is answered with the first id and not
counted as sent again (`sent`), but every request is kept (`requests`) so tests can count attempts.
"""

import itertools
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict
    body: dict


@dataclass
class FakeGateway:
    token: str = "test-token"
    server: ThreadingHTTPServer | None = None
    script: deque = field(default_factory=deque)  # of "ok" | int status | ("sleep", seconds)
    default: object = "ok"
    port: int = 0  # 0: any free port; a fixed one lets a test stop the gateway and start it again at the same URL
    delay: float = 0.0  # seconds before each answer (a slow gateway)
    requests: list[Received] = field(default_factory=list)
    sent: dict[str, str] = field(default_factory=dict)  # idempotency key -> gateway id
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/messages"

    def respond(self, *behaviours) -> None:
        """The next requests are answered by these, in order; then by `default`."""
        with self.lock:
            self.script.extend(behaviours)

    def _next(self):
        with self.lock:
            return self.script.popleft() if self.script else self.default

    def start(self) -> "FakeGateway":
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                behaviour = gateway._next()
                if gateway.delay:
                    time.sleep(gateway.delay)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                with gateway.lock:
                    gateway.requests.append(Received(headers=dict(self.headers), body=body))
                if isinstance(behaviour, tuple) and behaviour[0] == "sleep":
                    time.sleep(behaviour[1])
                    behaviour = "ok"
                if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    behaviour = 401
                if behaviour != "ok":
                    self._answer(int(behaviour), {"error": "scripted"})
                    return
                key = self.headers.get("Idempotency-Key") or ""
                with gateway.lock:
                    if key not in gateway.sent:
                        gateway.sent[key] = f"gw-{next(gateway._ids)}"
                    gateway_id = gateway.sent[key]
                self._answer(201, {"id": gateway_id})

            def _answer(self, status: int, data: dict) -> None:
                payload = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def tally(self, references: list[str]) -> dict:
        """For the outbox rows' references: texts sent (once each at the gateway), requests repeated (the same
        reference again, answered with the first id), and rows never sent."""
        with self.lock:
            asked: dict[str, int] = {}
            for received in self.requests:
                key = received.headers.get("Idempotency-Key", "")
                asked[key] = asked.get(key, 0) + 1
            return {
                "texts": len(references),
                "sent": sum(1 for ref in references if ref in self.sent),
                "lost": sum(1 for ref in references if ref not in self.sent),
                "repeated requests": sum(max(asked.get(ref, 0) - 1, 0) for ref in references),
            }
