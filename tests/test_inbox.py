"""`mailgate inbox`: the SLA report of a support mailbox, through the CLI as users run it.

tests/mailboxes/support.mbox holds threads in five languages (see its mailgate.yaml: Warsaw
office hours, support at @shop.example): answered in time (en), late with an apology (es),
late without one (de), unanswered and angry behind a robot acknowledgment (pl), a Friday-
evening message answered on Monday (ru), an after-hours auto-reply then a person (pl), a
bounce and a list mail, a reply found by its subject only, and one still within the target.
"""

from __future__ import annotations

import csv
import io
import mailbox
from pathlib import Path
from typing import Any

import pytest

MAILBOXES = Path(__file__).resolve().parent / "mailboxes"
SUPPORT = MAILBOXES / "support.mbox"
AS_OF = "2026-03-11T12:00:00+01:00"


def _by_subject(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["subject"]: entry for entry in entries}


@pytest.fixture(scope="module")
def report(cli_env: dict[str, str]) -> dict[str, Any]:
    import json
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "mailgate", "inbox", str(SUPPORT), "--as-of", AS_OF, "-f", "json"],
                               env=cli_env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 1, completed.stderr
    return json.loads(completed.stdout)


def test_top_level_shape_and_counts(report: dict[str, Any]) -> None:
    assert report["verdict"] == "block" and report["mailgate"]
    assert report["summary"] == {"messages": 18, "customer": 8, "support": 6, "automated": 4, "threads": 8,
                                 "answered": 4, "late": 2, "waiting": 1, "overdue": 1, "negative": 1, "errors": 0}
    assert report["sla"]["target_business_hours"] == 24
    assert "Europe/Warsaw" in report["sla"]["business_hours"]


def test_late_answers_in_business_hours(report: dict[str, Any]) -> None:
    late = _by_subject(report["late"])
    assert set(late) == {"Factura duplicada", "Rechnung 8812"}
    assert late["Factura duplicada"]["business_hours"] == 25.0
    assert late["Rechnung 8812"]["replied"] == "2026-03-06T16:00+01:00"


def test_robot_acknowledgment_is_not_an_answer_and_angry_customer_is_flagged(report: dict[str, Any]) -> None:
    [overdue] = report["overdue"]
    assert overdue["subject"] == "Zwrot pieniędzy" and overdue["business_hours"] == 34.0
    assert overdue["negative"] and "rozczarowany" in overdue["negative_words"]


def test_first_reply_statistics(report: dict[str, Any]) -> None:
    # replies after 4, 25, 31, 1.25 (Friday evening → Monday 10:15), 0.5 (after-hours robot ignored), 2 (by subject)
    assert report["first_reply_business_hours"] == {"count": 6, "median": 3.0, "p90": 28.0}
    assert [w["subject"] for w in report["waiting"]] == ["Gift wrapping"]


def test_text_report_lists_negative_first_and_says_why_it_blocks(run_cli: Any, tmp_path: Path) -> None:
    angry = SUPPORT.read_text(encoding="utf-8").replace("me han cobrado dos veces",
                                                       "es inaceptable: me han cobrado dos veces")
    box = tmp_path / "box.mbox"
    box.write_text(angry, encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text((MAILBOXES / "mailgate.yaml").read_text(), encoding="utf-8")
    result = run_cli("inbox", box, "--as-of", AS_OF)
    assert result.code == 1, result
    late = result.out.split("LATE:")[1].split("\n\n")[0].splitlines()[1:]
    # 25 h but negative comes before 31 h
    assert "Factura duplicada" in late[0] and "inaceptable" in late[0] and late[0].lstrip().startswith("!")
    assert "Rechnung 8812" in late[1]
    assert "2 negative in tone" in result.out
    assert "BLOCK: 1 overdue, 2 answered late." in result.out


def test_everything_answered_in_time_is_exit_0(run_cli: Any, tmp_path: Path) -> None:
    messages = SUPPORT.read_text(encoding="utf-8").split("\n\nFrom ")
    box = tmp_path / "ok.mbox"
    box.write_text("\n\nFrom ".join(messages[:2]) + "\n", encoding="utf-8")
    result = run_cli("inbox", box, "--support", "support@shop.example", "--as-of", AS_OF, "-f", "json")
    assert result.code == 0, result
    assert result.json()["verdict"] == "pass" and result.json()["summary"]["answered"] == 1


def test_csv_has_a_row_per_customer_message(run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    result = run_cli("inbox", SUPPORT, "--as-of", AS_OF, "-f", "csv", "-o", out)
    assert result.code == 1 and result.out == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 8
    assert {r["subject"]: r["status"] for r in rows}["Возврат заказа 3381"] == "answered"


def test_broken_message_is_named_and_the_report_goes_on(run_cli: Any) -> None:
    result = run_cli("inbox", MAILBOXES / "broken.mbox", "--as-of", AS_OF, "-f", "json")
    assert result.code == 2, result
    data = result.json()
    assert data["verdict"] == "error"
    assert data["errors"] == [{"message": f"{MAILBOXES / 'broken.mbox'}#3",
                               "error": "unreadable message: ValueError: no mail headers "
                                        "(From, Date, Message-ID, Subject all missing)"}]
    assert data["summary"]["answered"] == 1 and data["summary"]["late"] == 1


def test_maildir_gives_the_same_report(run_cli: Any, tmp_path: Path, report: dict[str, Any]) -> None:
    box = mailbox.Maildir(str(tmp_path / "Support"))
    for message in mailbox.mbox(str(SUPPORT)):
        box.add(mailbox.MaildirMessage(message))
    box.close()
    (tmp_path / "mailgate.yaml").write_text((MAILBOXES / "mailgate.yaml").read_text(), encoding="utf-8")
    result = run_cli("inbox", tmp_path / "Support", "--as-of", AS_OF, "-f", "json")
    assert result.code == 1, result
    assert result.json()["summary"] == report["summary"]


@pytest.mark.parametrize(("args", "message"), [
    (["inbox", str(SUPPORT), "--as-of", "soon"], "--as-of"),
    (["inbox", str(SUPPORT.with_name("missing.mbox"))], "no such file"),
    (["inbox", str(MAILBOXES)], "not a Maildir"),
])
def test_usage_errors_are_exit_2_without_traceback(run_cli: Any, args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err, result


def test_support_addresses_are_required(run_cli: Any, tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(SUPPORT.read_bytes())
    result = run_cli("inbox", box)
    assert result.code == 2 and "--support" in result.err


def test_bad_business_hours_config_is_exit_2(run_cli: Any, tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(SUPPORT.read_bytes())
    (tmp_path / "mailgate.yaml").write_text("business_hours: {mon: '9-5'}\ninbox: {support_addresses: ['@shop.example']}\n")
    result = run_cli("inbox", box)
    assert result.code == 2 and "business_hours" in result.err, result
