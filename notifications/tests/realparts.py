"""Real parts for the end-to-end tests: an own redis-server, an aiosmtpd sink, a Celery worker subprocess."""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


class RedisServer:
    """Our own redis-server on a free port (never the shared one), with append-only persistence: the
    setting the outbox needs so that tasks waiting in the broker survive a Redis restart."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="notifications-redis-")
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                self.dir,
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._ping, timeout=10, message="redis-server")

    def _ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            # SHUTDOWN flushes the append-only file; then the process exits.
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)
        self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class _Recorder:
    def __init__(self, delay: float):
        self.delay = delay
        self.ids: Counter = Counter()
        self.lock = threading.Lock()
        # Faults the test turns on: a reply such as "451 4.3.0 Try again later" instead of accepting, and a
        # stall of `stall_seconds` before the reply to every `stall_every`-th message (it is delivered, but the
        # relay hangs before it says so).
        self.reply: str | None = None
        self.stall_every = 0
        self.stall_seconds = 0.0
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received += 1
            stall = self.stall_every and self.received % self.stall_every == 0
        if self.reply:
            return self.reply
        if self.delay:
            await asyncio.sleep(self.delay)
        content = envelope.content.decode("utf-8", "replace")
        for line in content.splitlines():
            if line.lower().startswith("x-mentorordning-message:"):
                with self.lock:
                    self.ids[line.split(":", 1)[1].strip()] += 1
        if stall:
            # The relay has the message but is slow to say so: the sender cannot know it was delivered.
            await asyncio.sleep(self.stall_seconds)
        return "250 OK"


class SmtpSink:
    """A local SMTP server that counts deliveries by outbox id; it can be stopped and started again."""

    def __init__(self, delay: float = 0.0):
        self.port = free_port()
        self.recorder = _Recorder(delay)
        self.controller = None

    def start(self):
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def count(self, message) -> int:
        with self.recorder.lock:
            return self.recorder.ids[f"{message.jobcenter_id}-{message.pk}"]

    def total(self) -> int:
        with self.recorder.lock:
            return sum(self.recorder.ids.values())

    def counts(self) -> Counter:
        with self.recorder.lock:
            return Counter(self.recorder.ids)

    def tally(self, messages) -> dict:
        """The numbers a fault scenario reports: how many of `messages` were delivered, the extra copies, and
        how many were never delivered."""
        counts = self.counts()
        per_row = [counts[f"{m.jobcenter_id}-{m.pk}"] for m in messages]
        return {
            "messages": len(per_row),
            "delivered": sum(1 for n in per_row if n),
            "duplicates": sum(n - 1 for n in per_row if n > 1),
            "lost": sum(1 for n in per_row if n == 0),
        }


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Worker:
    """`celery -A mentorship worker` as a subprocess (its own process group, so SIGKILL takes its children)."""

    def __init__(self, *, env: dict, concurrency: int = 2):
        self.env = env
        self.concurrency = concurrency
        self.process = None
        self.log = tempfile.NamedTemporaryFile(prefix="notifications-worker-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self):
        env = {**os.environ, **self.env}
        env.pop("CI", None)
        self.process = subprocess.Popen(  # noqa: S603
            [
                CELERY,
                "-A",
                "mentorship",
                "worker",
                "--concurrency",
                str(self.concurrency),
                "--pool",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(
            lambda: b"ready." in Path(self.log.name).read_bytes() or self._died(),
            timeout=60,
            message="celery worker ready",
        )
        if self._died():
            raise AssertionError(f"Worker exited:\n{self.output()}")

    def _died(self) -> bool:
        return self.process.poll() is not None

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-5000:]

    def log_count(self, text: str) -> int:
        return Path(self.log.name).read_text(errors="replace").count(text)

    def kill(self):
        """SIGKILL the whole worker (main process and pool children) at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None

    def close(self):
        self.stop()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
