"""Faults for the ledger, made by real processes: a SIGKILL in the middle of an import, a held lock.

Shared by tests/test_ledger_durability.py (200,000 rows, so the suite stays quick on two
cores), tests/test_gate.py and bench/ledger_durability.py (1,000,000 rows, with timings).
"In the middle" is measured, not guessed: the import is killed once its write-ahead log has
grown past a given size — SQLite is writing the uncommitted transaction's pages — while it
still runs.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

MAILGATE = [sys.executable, "-m", "mailgate"]


def write_suppressions(path: Path, rows: int, prefix: str = "user") -> None:
    """A suppressions CSV of ``rows`` distinct global unsubscribes (about 1 s per million rows)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("email,reason,topic,created_at\n")
        handle.writelines(f"{prefix}{i}@example.com,unsubscribe,,2026-10-01T08:00:00Z\n" for i in range(rows))


@dataclass(frozen=True)
class ImportRun:
    seconds: float       # from start to exit (or to the kill)
    wal_bytes: int       # the write-ahead log's size at the kill, or the largest seen
    returncode: int


@dataclass(frozen=True)
class LedgerState:
    integrity: list[str]
    suppressions: int
    imports: int


def _import_command(ledger: Path, source: Path) -> list[str]:
    return [*MAILGATE, "ledger", "import", "suppressions", str(source), "--ledger", str(ledger)]


def _wal_size(ledger: Path) -> int:
    try:
        return ledger.with_name(ledger.name + "-wal").stat().st_size
    except FileNotFoundError:
        return 0


def run_import(ledger: Path, source: Path, env: dict[str, str], timeout: float = 600) -> ImportRun:
    """Import to the end, watching how large the write-ahead log grows."""
    start, largest = time.monotonic(), 0
    process = subprocess.Popen(_import_command(ledger, source), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while process.poll() is None and time.monotonic() - start < timeout:
        largest = max(largest, _wal_size(ledger))
        time.sleep(0.01)
    returncode = process.wait(timeout=30)
    return ImportRun(time.monotonic() - start, largest, returncode)


def kill_import_midway(ledger: Path, source: Path, env: dict[str, str], wal_bytes: int,
                       timeout: float = 600) -> ImportRun:
    """Start the import; SIGKILL it as soon as its write-ahead log holds ``wal_bytes`` and it still runs."""
    start = time.monotonic()
    process = subprocess.Popen(_import_command(ledger, source), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        while process.poll() is None and _wal_size(ledger) < wal_bytes and time.monotonic() - start < timeout:
            time.sleep(0.005)
        if process.poll() is not None:
            raise AssertionError(f"the import ended (exit {process.returncode}) before it could be killed: "
                                 f"{process.stderr.read()}")
        size = _wal_size(ledger)
        process.send_signal(signal.SIGKILL)
        returncode = process.wait(timeout=30)
        return ImportRun(time.monotonic() - start, size, returncode)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()


def ledger_state(ledger: Path) -> LedgerState:
    """What a fresh connection sees (it recovers from the log left behind first)."""
    db = sqlite3.connect(ledger)
    try:
        return LedgerState([row[0] for row in db.execute("PRAGMA integrity_check")],
                           db.execute("SELECT count(*) FROM suppression").fetchone()[0],
                           db.execute("SELECT count(*) FROM import_log").fetchone()[0])
    finally:
        db.close()


LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive-mode":  # e.g. a backup tool: even WAL readers must wait
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("INSERT INTO audit_log (at, action, email, detail) VALUES ('now', 'maintenance', '', '')")
print("locked", flush=True)
sys.stdin.read()
"""


@contextmanager
def ledger_locked(ledger: Path, mode: str = "transaction") -> Iterator[None]:
    """Another process holds an open write transaction (``mode`` "exclusive-mode": readers wait too)."""
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(ledger), mode], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        if locker.stdout.readline() != "locked\n":
            raise AssertionError("the locking process did not get the lock")
        yield
    finally:
        locker.communicate("", timeout=30)
