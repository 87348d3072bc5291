"""The ledger never loses an unsubscribe: killed imports, WAL mode, imports that try to undo a suppression.

Real processes and real SQLite files throughout. Concurrent gates and imports are in
test_gate.py (test_concurrent_recording_gates_and_imports_lose_no_row).
"""

from __future__ import annotations

import csv
import json
import signal
import sqlite3
from pathlib import Path
from typing import Any

from conftest import EXAMPLE, EXAMPLE_AT
from ledger_faults import (LedgerState, kill_import_midway, ledger_locked, ledger_state, run_import,
                           write_suppressions)

ROWS = 200_000  # 1,000,000 in bench/ledger_durability.py; 200k keeps the suite quick on two shared cores
KILL_AT_WAL_BYTES = 8 << 20  # about a quarter of the way through 200k rows (the log peaks near 34 MB)


def test_a_killed_import_leaves_the_old_state_and_a_sound_ledger(tmp_path: Path, run_cli: Any,
                                                                 cli_env: dict[str, str]) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert run_cli("ledger", "init", "--ledger", ledger).code == 0
    assert run_cli("ledger", "import", "suppressions", EXAMPLE / "ledger" / "suppressions.csv",
                   "--ledger", ledger).code == 0
    old = ledger_state(ledger)
    assert old == LedgerState(["ok"], 3, 1)
    big = tmp_path / "esp-export.csv"
    write_suppressions(big, ROWS)

    killed = kill_import_midway(ledger, big, cli_env, KILL_AT_WAL_BYTES)
    assert killed.returncode == -signal.SIGKILL and killed.wal_bytes >= KILL_AT_WAL_BYTES
    assert ledger_state(ledger) == old  # not one of the rows it had written, and no import_log entry

    finished = run_import(ledger, big, cli_env)  # the same file again, after the crash
    assert finished.returncode == 0
    assert finished.wal_bytes > killed.wal_bytes  # so the kill came in the middle, not at the end
    assert ledger_state(ledger) == LedgerState(["ok"], 3 + ROWS, 2)


def test_an_import_waits_for_the_lock_then_gives_up_clearly(tmp_path: Path, run_cli: Any) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert run_cli("ledger", "init", "--ledger", ledger).code == 0
    with ledger_locked(ledger):
        result = run_cli("ledger", "import", "suppressions", EXAMPLE / "ledger" / "suppressions.csv",
                         "--ledger", ledger, "--busy-timeout", "0.3")
    assert result.code == 2 and "Traceback" not in result.err, result
    assert f"{ledger}: the ledger is locked by another process" in result.err and "0.3 s" in result.err
    assert ledger_state(ledger) == LedgerState(["ok"], 0, 0)


def _journal_mode(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        db.close()


def test_every_ledger_is_in_wal_mode(tmp_path: Path, run_cli: Any) -> None:
    ledger = tmp_path / "new" / "ledger.sqlite"
    assert run_cli("ledger", "init", "--ledger", ledger).code == 0
    assert ledger.read_bytes()[18:20] == b"\x02\x02"  # the file format's WAL marker: it stays WAL for every reader
    assert _journal_mode(ledger) == "wal"
    db = sqlite3.connect(ledger)
    db.execute("PRAGMA journal_mode = DELETE")  # e.g. restored by a backup tool
    db.close()
    assert run_cli("ledger", "stats", "--ledger", ledger).code == 0
    assert _journal_mode(ledger) == "wal"


def _gate(run_cli: Any, work: Path, out: str) -> dict[str, str]:
    """Run the example's gate; every excluded address with the rules that excluded it."""
    result = run_cli("gate", "campaign.yaml", "--at", EXAMPLE_AT, "--out-dir", out, "--ignore", "exclusion-rate",
                     cwd=work)
    assert result.code == 0, result
    with (work / out / "excluded.csv").open(encoding="utf-8", newline="") as handle:
        return {row["email"]: row["excluded_by"] for row in csv.DictReader(handle)}


def test_no_import_lifts_a_suppression_only_a_logged_resubscribe_does(example: Path, run_cli: Any) -> None:
    maria, piotr = "maria.garcia@example.es", "piotr.zielinski@example.pl"  # unsubscribed: globally; from events
    assert _gate(run_cli, example, "before")[maria] == "suppressed-recipient"
    (example / "signup.csv").write_text(
        "email,topic,channel,given_at,method,notice_version\n"
        f"{maria},products,email,2026-11-22T10:00:00Z,web-form,privacy-2026-03\n"
        f"{maria},*,,2026-11-22T10:00:00Z,web-form,privacy-2026-03\n"
        f"{piotr},events,,2026-11-22T10:00:00Z,web-form,privacy-2026-03\n", encoding="utf-8")
    (example / "prefs.csv").write_text(f"email,topics,opted_out\n{maria},products|events,\n", encoding="utf-8")
    for kind, path in (("consent", "signup.csv"), ("preferences", "prefs.csv"), ("suppressions", "ledger/suppressions.csv")):
        assert run_cli("ledger", "import", kind, path, cwd=example).code == 0
    # a "subscribed" row in a suppression file, and an export (with lifted_at) fed back: refused, nothing changes
    (example / "resubscribed.csv").write_text(f"email,reason,created_at\n{maria},subscribed,2026-11-22\n",
                                              encoding="utf-8")
    refused = run_cli("ledger", "import", "suppressions", "resubscribed.csv", cwd=example)
    assert refused.code == 2 and "resubscribed.csv: line 2" in refused.err and "Traceback" not in refused.err
    exported = run_cli("ledger", "export", "suppressions", "-o", "export.csv", cwd=example)
    assert exported.code == 0
    export = (example / "export.csv").read_text(encoding="utf-8")
    edited = export.replace(",C-2002,\n", ",C-2002,2026-11-22T10:00:00Z\n")
    assert edited != export
    (example / "edited.csv").write_text(edited, encoding="utf-8")
    refused = run_cli("ledger", "import", "suppressions", "edited.csv", cwd=example)
    assert refused.code == 2 and "unknown column(s) lifted_at" in refused.err

    stats = run_cli("ledger", "stats", "-f", "json", cwd=example).json()
    assert stats["suppressions_active"] == 3
    assert _gate(run_cli, example, "after-imports")[maria] == "suppressed-recipient"

    resubscribed = run_cli("ledger", "resubscribe", maria, "--topic", "*", "--given-at", "2026-11-23T08:00:00Z",
                           "--method", "double-opt-in", "--notice-version", "privacy-2026-03", "--given-by",
                           "confirmation link in mail 4711", cwd=example)
    assert resubscribed.code == 0 and "1 unsubscribe(s) lifted" in resubscribed.out, resubscribed
    assert maria not in _gate(run_cli, example, "after-resubscribe")
    db = sqlite3.connect(example / "ledger.sqlite")
    (detail,) = db.execute("SELECT detail FROM audit_log WHERE action = 'resubscribe' AND email = ?", (maria,)).fetchone()
    consent_id = json.loads(detail)["consent_id"]
    assert db.execute("SELECT method, given_by FROM consent WHERE id = ?", (consent_id,)).fetchone() == \
        ("double-opt-in", "confirmation link in mail 4711")
    assert db.execute("SELECT lifted_by FROM suppression WHERE email = ?", (maria,)).fetchone() == (consent_id,)
    assert db.execute("SELECT count(*) FROM suppression WHERE email = ? AND lifted_at = ''", (piotr,)).fetchone()[0] == 1
