"""``ledger stats`` and ``ledger export``: what the ledger holds, readable by people and tools."""

from __future__ import annotations

import csv
from typing import IO, Any

from mailgate.ledger.kinds import KINDS
from mailgate.ledger.store import Ledger


def stats(ledger: Ledger) -> dict[str, Any]:
    db = ledger.db
    counts = {name: db.execute(f"SELECT count(*) FROM {kind.table}").fetchone()[0] for name, kind in KINDS.items()}
    active = db.execute("SELECT count(*) FROM suppression WHERE lifted_at = ''").fetchone()[0]
    by_reason = dict(db.execute("SELECT reason, count(*) FROM suppression WHERE lifted_at = '' GROUP BY reason"))
    by_kind = dict(db.execute("SELECT kind, count(*) FROM bounce GROUP BY kind"))
    freshness = {source: at for source, at in db.execute(
        "SELECT source, max(as_of) FROM import_log WHERE kind = 'suppressions' GROUP BY source ORDER BY source")}
    imports = db.execute("SELECT count(*) FROM import_log").fetchone()[0]
    return {"ledger": str(ledger.path), "rows": counts, "suppressions_active": active,
            "suppressions_by_reason": by_reason, "bounces_by_kind": by_kind,
            "suppression_sources_as_of": freshness, "imports": imports}


def export(ledger: Ledger, kind_name: str, stream: IO[str]) -> int:
    """Write one kind as CSV with the import columns (re-importable), plus lifted_at for suppressions."""
    kind = KINDS[kind_name]
    names = list(kind.column_names) + (["lifted_at"] if kind.table == "suppression" else [])
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(names)
    count = 0
    for row in ledger.db.execute(f"SELECT {', '.join(names)} FROM {kind.table} ORDER BY id"):
        writer.writerow(row)
        count += 1
    return count
