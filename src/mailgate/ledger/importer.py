"""``ledger import KIND FILE``: every row checked, then all inserted in one transaction, or none."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from mailgate.errors import InputError
from mailgate.ledger.kinds import KINDS, Kind, parse_row
from mailgate.ledger.store import Ledger
from mailgate.ledger.timestamps import now_utc, stored
from mailgate.load.tabular import open_table


@dataclass(frozen=True)
class ImportReport:
    kind: str
    file: str
    rows_read: int
    rows_added: int
    source: str


def import_file(ledger: Ledger, kind_name: str, path: Path, *, source: str | None = None,
                as_of: datetime | None = None) -> ImportReport:
    """Parse ``path`` as ``kind_name`` rows and insert them atomically; any bad row aborts all."""
    kind = KINDS[kind_name]
    source_name = source or path.stem
    with open_table(path) as table:
        unknown = [c for c in table.columns if c not in kind.column_names]
        if unknown:
            raise InputError(f"unknown column(s) {', '.join(unknown)} for {kind.name} "
                             f"(known: {', '.join(kind.column_names)})", path=str(path))
        missing = [c.name for c in kind.columns if c.required and c.name not in table.columns]
        if missing:
            raise InputError(f"missing required column(s) {', '.join(missing)} for {kind.name}", path=str(path))
        rows = _parsed_rows(kind, table.columns, table.rows, str(path), source_name)
        return insert_rows(ledger, kind, rows, file=str(path), digest=_sha256(path), source=source_name, as_of=as_of)


def insert_rows(ledger: Ledger, kind: Kind, rows: Iterable[tuple[str, ...]], *, file: str, digest: str,
                source: str, as_of: datetime | None = None) -> ImportReport:
    """Insert already parsed rows plus an import_log entry in one transaction."""
    names = kind.column_names
    verb = "INSERT OR IGNORE" if kind.dedupe else "INSERT"
    sql = f"{verb} INTO {kind.table} ({', '.join(names)}, import_id) VALUES ({', '.join('?' * len(names))}, ?)"
    moment = stored(now_utc())
    with ledger.write() as db:
        cursor = db.execute("INSERT INTO import_log (kind, file, sha256, rows_read, rows_added, source, as_of, "
                            "imported_at) VALUES (?, ?, ?, 0, 0, ?, ?, ?)",
                            (kind.name, file, digest, source, stored(as_of) if as_of else moment, moment))
        import_id = cursor.lastrowid
        before = db.total_changes
        counter = _Counter(rows)
        db.executemany(sql, ((*row, import_id) for row in counter))
        added = db.total_changes - before
        db.execute("UPDATE import_log SET rows_read = ?, rows_added = ? WHERE id = ?", (counter.count, added, import_id))
    return ImportReport(kind.name, file, counter.count, added, source)


class _Counter:
    def __init__(self, rows: Iterable[tuple[str, ...]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        for row in self.rows:
            self.count += 1
            yield row


def _parsed_rows(kind: Kind, columns: list[str], rows: Iterator[tuple[int, list[str]]], path: str,
                 source: str) -> Iterator[tuple[str, ...]]:
    source_at = kind.column_names.index("source") if "source" in kind.column_names else None
    for line_no, values in rows:
        try:
            row = parse_row(kind, dict(zip(columns, values)))
        except ValueError as exc:
            raise InputError(f"line {line_no}: {exc}; nothing was imported", path=path) from None
        if source_at is not None and not row[source_at]:
            row = (*row[:source_at], source, *row[source_at + 1:])
        yield row


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
