"""Opening the SQLite ledger: WAL mode, a busy timeout, and transactions that hold the write lock."""

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

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    @classmethod
    def open(cls, path: Path, *, create: bool = False, busy_timeout: float = DEFAULT_BUSY_TIMEOUT_S) -> "Ledger":
        if not create and not path.is_file():
            raise LedgerError("no ledger here; create it with `mailgate ledger init`", path=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            ledger = cls(path, db)
            if create:
                ledger._create()
            ledger._check_version()
            return ledger
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
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LedgerError(f"ledger is busy: {exc}", path=str(self.path)) from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


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
