"""The sent journal: what the relay has accepted in the chunk in hand, before the outbox marks it sent.

A send task marks a whole chunk sent with one UPDATE after the chunk (issue 24: set-wise statements, not one
UPDATE per message). So that a killed worker still repeats at most the one message in flight, each message the
relay accepts is first appended to this process's journal file: one write() to the kernel, which keeps it when
the process is killed (SIGKILL, OOM, a hard time limit). After the chunk's UPDATE the journal is emptied.

A journal left behind names rows that were sent but not marked. The next send task or sweep on this machine
marks them sent (`replay`) before their lease ends: only rows still pending and still holding the lease that
the chunk took (`next_attempt_at` equal to it, to the microsecond), so a row claimed again since, or sent again
by a coordinator, is never touched. Each process holds an exclusive flock on its own file; a file whose lock
can be taken belongs to a dead process. One directory per database (NOTIFICATIONS_JOURNAL_DIR/<database>), so
test databases and installations sharing a machine never read each other's journals.

What the journal does not cover: a worker machine lost for longer than the lease (its disk gone, or no worker
started there again) leaves its last chunk's accepted messages to be sent once more, with the same Message-ID.
"""

import fcntl
import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

SUFFIX = ".journal"


def directory() -> Path:
    base = Path(getattr(settings, "NOTIFICATIONS_JOURNAL_DIR", settings.VAR_DIR / "outbox-journal"))
    name = Path(str(connection.settings_dict["NAME"])).name or "default"
    return base / name


class SentJournal:
    """This process's journal file (opened on first use, again after a fork)."""

    def __init__(self):
        self.fd: int | None = None
        self.pid = 0
        self.path: Path | None = None
        self.dirty = False

    def _open(self) -> int:
        if self.fd is not None and self.pid == os.getpid():
            return self.fd
        folder = directory()
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex}"
        # Locked before it gets its name, so a replay never takes a live process's new file for a dead one's.
        temporary = folder / f"tmp-{name}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        path = folder / f"{name}{SUFFIX}"
        os.rename(temporary, path)
        self.fd, self.pid, self.path, self.dirty = fd, os.getpid(), path, False
        return fd

    def begin(self, lease_at: datetime) -> None:
        """A chunk claimed with this lease (the rows' next_attempt_at) starts."""
        if self.fd is not None and self.pid == os.getpid() and self.path and self.path.parent != directory():
            # Another database (or journal directory) than the file was opened for: a file of its own.
            self.clear()
            os.close(self.fd)
            self.path.unlink(missing_ok=True)
            self.fd = None
        os.write(self._open(), f"L {lease_at.isoformat()}\n".encode())
        self.dirty = True

    def sent(self, pk: int) -> None:
        os.write(self._open(), b"%d\n" % pk)

    def clear(self) -> None:
        """The chunk's rows are marked sent in the database: nothing to replay."""
        if self.fd is not None and self.pid == os.getpid() and self.dirty:
            os.ftruncate(self.fd, 0)
            self.dirty = False

    def own_entries(self) -> dict[datetime, list[int]]:
        if self.path is None or self.pid != os.getpid() or not self.dirty:
            return {}
        return parse(self.path.read_text())


_journal = SentJournal()


def journal() -> SentJournal:
    return _journal


def parse(text: str) -> dict[datetime, list[int]]:
    """{lease: [ids]} of a journal's text (a line cut off by a kill is ignored)."""
    entries: dict[datetime, list[int]] = {}
    lease = None
    for line in text.splitlines():
        if line.startswith("L "):
            try:
                lease = datetime.fromisoformat(line[2:])
            except ValueError:
                lease = None
        elif line.isdigit() and lease is not None:
            entries.setdefault(lease, []).append(int(line))
    return entries


def _read(fd: int) -> str:
    parts = []
    while block := os.read(fd, 1 << 16):
        parts.append(block)
    return b"".join(parts).decode(errors="replace")


def replay(mark: Callable[[list[int], datetime], int]) -> int:
    """Marks sent what dead processes' journals on this machine (and this process's own, after a failed mark)
    name, through `mark(ids, lease)`; returns how many rows it marked. A file is deleted once replayed."""
    marked = 0
    own = _journal.own_entries()
    for lease, ids in own.items():
        marked += mark(ids, lease)
    if own:
        _journal.clear()
    folder = directory()
    if not folder.is_dir():
        return marked
    for path in folder.iterdir():
        if path == _journal.path:
            continue
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live process's journal
            text = _read(fd)
            for lease, ids in parse(text).items():
                marked += mark(ids, lease)
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
    if marked:
        logger.warning("Outbox: %d messages a stopped worker had sent were marked sent from its journal", marked)
    return marked
