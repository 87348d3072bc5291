"""The ledger: imports all or nothing, suppressions never lost, bounces read from real DSNs."""

from __future__ import annotations

import mailbox
import sqlite3
from pathlib import Path

import pytest
from conftest import ROOT

from mailgate.errors import InputError
from mailgate.ledger.importer import import_file
from mailgate.ledger.store import Ledger, LedgerError

EXAMPLE = ROOT / "examples" / "campaign"


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    handle = Ledger.open(tmp_path / "ledger.sqlite", create=True)
    yield handle
    handle.close()


def test_ledger_is_wal_with_a_busy_timeout(ledger: Ledger) -> None:
    assert ledger.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_opening_a_missing_or_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="mailgate ledger init"):
        Ledger.open(tmp_path / "nope.sqlite")
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(LedgerError, match="not a mailgate ledger"):
        Ledger.open(foreign)


def test_a_bad_row_imports_nothing_and_names_file_and_line(ledger: Ledger, tmp_path: Path) -> None:
    source = tmp_path / "unsubscribes.csv"
    source.write_text("email,reason,created_at\na@example.com,unsubscribe,2026-10-01\n"
                      "b@example.com,unsubscribe,2026-10-02\nc@example.com,went-away,2026-10-03\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        import_file(ledger, "suppressions", source)
    assert "unsubscribes.csv" in str(error.value) and "line 4" in str(error.value) and "reason" in str(error.value)
    assert ledger.db.execute("SELECT count(*) FROM suppression").fetchone()[0] == 0
    assert ledger.db.execute("SELECT count(*) FROM import_log").fetchone()[0] == 0


def test_unknown_and_missing_columns_are_errors(ledger: Ledger, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text("email,topc\na@example.com,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown column"):
        import_file(ledger, "consent", source)
    source.write_text("email,topic\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing required column"):
        import_file(ledger, "suppressions", source)


def test_semicolon_bom_and_jsonl_files_import_alike(ledger: Ledger, tmp_path: Path) -> None:
    csv_file = tmp_path / "s.csv"
    csv_file.write_bytes("\ufeffEmail;Reason;Created_At\nAnna@Bücher.de;unsubscribe;2026-10-01T08:00:00+02:00\n"
                         .encode("utf-8"))
    jsonl = tmp_path / "s.jsonl"
    jsonl.write_text('{"email": "ANNA@xn--bcher-kva.de", "reason": "unsubscribe", "created_at": "2026-10-01T06:00:00Z"}\n'
                     '\n{"email": "b@example.com", "reason": "complaint", "created_at": "2026-10-02"}\n', encoding="utf-8")
    assert import_file(ledger, "suppressions", csv_file).rows_added == 1
    report = import_file(ledger, "suppressions", jsonl)
    assert (report.rows_read, report.rows_added) == (2, 1)  # the same unsubscribe, written another way
    rows = ledger.db.execute("SELECT email, topic, created_at FROM suppression ORDER BY id").fetchall()
    assert rows[0] == ("anna@xn--bcher-kva.de", "*", "2026-10-01T06:00:00.000000Z")


def test_a_suppression_survives_every_import_and_cannot_be_deleted(ledger: Ledger, tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("email,reason,created_at\na@example.com,unsubscribe,2026-10-01\n", encoding="utf-8")
    import_file(ledger, "suppressions", source)
    for kind, text in (("consent", "email,topic,given_at\na@example.com,products,2026-11-01\n"),
                       ("preferences", "email,topics\na@example.com,products\n")):
        other = tmp_path / f"{kind}.csv"
        other.write_text(text, encoding="utf-8")
        import_file(ledger, kind, other)
    import_file(ledger, "suppressions", source)
    assert ledger.db.execute("SELECT count(*) FROM suppression WHERE lifted_at = ''").fetchone()[0] == 1
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        ledger.db.execute("DELETE FROM suppression")
    with pytest.raises(sqlite3.DatabaseError, match="only be lifted"):
        ledger.db.execute("UPDATE suppression SET topic = 'x'")


def test_resubscribe_needs_a_complete_consent_and_is_logged(ledger: Ledger, tmp_path: Path) -> None:
    from mailgate.errors import MailgateError
    from mailgate.ledger.resubscribe import resubscribe

    source = tmp_path / "s.csv"
    source.write_text("email,reason,topic,created_at\na@example.com,unsubscribe,,2026-10-01\n"
                      "a@example.com,unsubscribe,events,2026-10-01\na@example.com,complaint,,2026-10-05\n",
                      encoding="utf-8")
    import_file(ledger, "suppressions", source)
    with pytest.raises(MailgateError, match="notice_version"):
        resubscribe(ledger, "a@example.com", "events", {"given_at": "2026-11-01", "method": "web-form"})
    assert resubscribe(ledger, "A@Example.com", "events", {"given_at": "2026-11-01", "method": "web-form",
                                                           "notice_version": "v5"}) == 1
    active = ledger.db.execute("SELECT reason, topic FROM suppression WHERE lifted_at = '' ORDER BY id").fetchall()
    assert active == [("unsubscribe", "*"), ("complaint", "*")]  # the global one and the complaint stay
    assert ledger.db.execute("SELECT action, email FROM audit_log").fetchall() == [("resubscribe", "a@example.com")]


def _dsn(recipient: str, status: str, action: str = "failed") -> str:
    return ("From: MAILER-DAEMON@mx.example\nTo: news@shop.example\nSubject: Undelivered\n"
            "Date: Tue, 17 Nov 2026 09:04:40 +0000\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
            "--B\nContent-Type: text/plain\n\nNot delivered.\n\n--B\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example\n\n"
            f"Final-Recipient: rfc822; {recipient}\nAction: {action}\nStatus: {status}\n"
            "Diagnostic-Code: smtp; 550 no such user\n\n--B--\n")


def test_import_bounces_from_maildir_hard_and_soft(tmp_path: Path, run_cli) -> None:
    box = mailbox.Maildir(tmp_path / "Bounces", create=True)
    box.add(_dsn("Gone@Example.com", "5.1.1"))
    box.add(_dsn("slow@example.es", "4.4.1", "delayed"))
    box.add(_dsn("fine@example.pl", "2.0.0", "delivered"))
    box.add("From: anna@example.com\nSubject: Thanks!\n\nNot a bounce.\n")
    db = tmp_path / "l.sqlite"
    assert run_cli("ledger", "init", "--ledger", db).code == 0
    result = run_cli("ledger", "import-bounces", tmp_path / "Bounces", "--ledger", db)
    assert result.code == 0, result
    assert "4 messages, 3 delivery-status reports, 1 hard and 1 soft" in result.out
    rows = sqlite3.connect(db).execute("SELECT email, kind, status FROM bounce ORDER BY email").fetchall()
    assert rows == [("gone@example.com", "hard", "5.1.1"), ("slow@example.es", "soft", "4.4.1")]


def test_cli_import_stats_and_export(tmp_path: Path, run_cli) -> None:
    db = tmp_path / "l.sqlite"
    assert run_cli("ledger", "init", "--ledger", db).code == 0
    result = run_cli("ledger", "import", "suppressions", EXAMPLE / "ledger" / "suppressions.csv", "--ledger", db,
                     "--source", "newsletter-esp")
    assert result.code == 0 and "3 suppressions rows read, 3 new" in result.out
    stats = run_cli("ledger", "stats", "--ledger", db, "-f", "json").json()
    assert stats["rows"]["suppressions"] == 3 and "newsletter-esp" in stats["suppression_sources_as_of"]
    exported = run_cli("ledger", "export", "suppressions", "--ledger", db)
    assert exported.out.splitlines()[0] == "email,reason,topic,department,source,created_at,contact_id,lifted_at"
    assert "maria.garcia@example.es" in exported.out  # stored normalised


def test_cli_errors_are_one_line_and_exit_2(tmp_path: Path, run_cli) -> None:
    missing = run_cli("ledger", "stats", "--ledger", tmp_path / "none.sqlite")
    assert missing.code == 2 and "mailgate ledger init" in missing.err and "Traceback" not in missing.err
    db = tmp_path / "l.sqlite"
    run_cli("ledger", "init", "--ledger", db)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"email,reason,created_at\n\xff\xfe,unsubscribe,2026-01-01\n")
    result = run_cli("ledger", "import", "suppressions", bad, "--ledger", db)
    assert result.code == 2 and "bad.csv" in result.err and "UTF-8" in result.err


def test_docs_list_every_import_column() -> None:
    from mailgate.ledger.kinds import KINDS

    docs = (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        section = docs.split(f"### `{kind.name}`", 1)[1].split("###", 1)[0]
        assert all(f"| `{column.name}` |" in section for column in kind.columns), kind.name
