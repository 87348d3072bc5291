"""Opening the SQLite ledger: WAL mode, a busy timeout, and transactions that hold the write lock.

synchronous = FULL: a commit is on disk before the command reports it, so an unsubscribe
that `ledger import` said it added survives a power cut too, not only a killed process
(NORMAL in WAL mode may roll back the last commits after an OS crash). It costs one fsync
per transaction, and every import or recording gate is one transaction.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mailgate.errors import MailgateError
from mailgate.ledger.timestamps import now_utc, stored

SCHEMA_VERSION = "1"
DEFAULT_BUSY_TIMEOUT_S = 60.0


class LedgerError(MailgateError):
    """The ledger file is missing, locked for too long, or not a mailgate ledger."""


class Ledger:
    """One SQLite ledger file. Reads run in WAL snapshots; writes take the lock up front."""

    def __init__(self, path: Path, connection: sqlite3.Connection, busy_timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> None:
        self.path = path
        self.db = connection
        self.busy_timeout = busy_timeout

    @classmethod
    def open(cls, path: Path, *, create: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> "Ledger":
        if not create and not path.is_file():
            raise LedgerError("no ledger here; create it with `mailgate ledger init`", path=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            ledger = cls(path, db, busy_timeout)
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":  # e.g. a file system without shared memory: readers would block writers
                raise LedgerError(f"cannot switch the ledger to WAL mode (it stays in {mode!r} mode)", path=str(path))
            db.execute("PRAGMA synchronous = FULL")
            if create:
                ledger._create()
            ledger._check_version()
            return ledger
        except sqlite3.OperationalError as exc:
            raise ledger_error(path, busy_timeout, exc) from None
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"cannot open the ledger: {exc}", path=str(path)) from None

    def _create(self) -> None:
        script = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
        with self.write():
            for statement in _statements(script):
                self.db.execute(statement)
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)", (stored(now_utc()),))

    def _check_version(self) -> None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            raise LedgerError("not a mailgate ledger (no schema version); run `mailgate ledger init`", path=str(self.path))
        if row[0] != SCHEMA_VERSION:
            raise LedgerError(f"ledger schema version {row[0]}, this mailgate reads {SCHEMA_VERSION}", path=str(self.path))

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing transaction holding the write lock from its first statement.

        BEGIN IMMEDIATE makes a second writer wait (busy timeout) instead of failing half way,
        so two gate runs recording at once serialise and neither loses a row.
        """
        self.begin(write=True)
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def begin(self, *, write: bool) -> None:
        """Start a transaction; a write transaction waits up to the busy timeout for the lock."""
        try:
            self.db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.OperationalError as exc:
            raise ledger_error(self.path, self.busy_timeout, exc) from None

    def close(self) -> None:
        self.db.close()


def ledger_error(path: Path, busy_timeout: float, exc: sqlite3.OperationalError) -> LedgerError:
    """Say plainly when another process holds the ledger, and how long we waited for it."""
    if "locked" in str(exc) or "busy" in str(exc):
        return LedgerError(f"the ledger is locked by another process (an import, a recording gate or a backup); "
                           f"gave up after waiting {busy_timeout:g} s (busy timeout)", path=str(path))
    return LedgerError(f"cannot open the ledger: {exc}", path=str(path))


def _statements(script: str) -> list[str]:
    """Split the schema script on complete statements (triggers contain inner semicolons)."""
    statements, current = [], ""
    for line in script.splitlines():
        if line.startswith("--"):
            continue
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
