"""Mailboxes for `mailgate check`: mbox streamed message by message, Maildir files, broken messages."""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

from mailgate.load.mbox import iter_mbox

MAILBOXES = Path(__file__).resolve().parent / "mailboxes"


def _write_with_stdlib(path: Path, bodies: list[str]) -> None:
    box = mailbox.mbox(str(path))
    for number, body in enumerate(bodies, 1):
        message = mailbox.mboxMessage()
        message["From"] = f"c{number}@example.org"
        message["Subject"] = f"Message {number}"
        message.set_payload(body)
        box.add(message)
    box.flush()
    box.close()


def test_split_like_the_standard_mailbox_module(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    _write_with_stdlib(path, ["one\n\nFrom the start of a line\n", "two\n", "three\nFrom here\n"])
    ours = list(iter_mbox(path, 1 << 20))
    theirs = [m.as_bytes() for m in mailbox.mbox(str(path))]
    assert [r.label.rsplit("#", 1)[1] for r in ours] == ["1", "2", "3"]
    assert [mailbox.mboxMessage(r.data).get_payload() for r in ours] == [mailbox.mboxMessage(t).get_payload()
                                                                          for t in theirs]


def test_oversized_message_is_an_error_for_that_message_only(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    _write_with_stdlib(path, ["x" * 5000, "small\n"])
    first, second = iter_mbox(path, 1024)
    assert first.error and "limit" in first.error and not second.error


def test_check_names_each_message_and_the_broken_one(run_cli: Any) -> None:
    result = run_cli("check", MAILBOXES / "broken.mbox", "--select", "reply-sla,late-reply-apology", "-f", "json")
    assert result.code == 2, result
    paths = [r["path"] for r in result.json()["results"]]
    assert paths == [f"{MAILBOXES / 'broken.mbox'}#{n}" for n in range(1, 6)]
    broken = result.json()["results"][2]
    assert broken["verdict"] == "error" and "binary" in broken["errors"][0]
    late = result.json()["results"][4]
    assert {f["rule"] for f in late["findings"]} == {"reply-sla"}  # apologised, so only the SLA warning


def test_maildir_messages_are_checked_one_file_each(run_cli: Any, tmp_path: Path) -> None:
    box = mailbox.Maildir(str(tmp_path / "Support"))
    source = mailbox.mbox(str(MAILBOXES / "support.mbox"))
    for message in list(source)[:3]:
        box.add(mailbox.MaildirMessage(message))
    box.close()
    result = run_cli("check", tmp_path / "Support", "--select", "reply-sla", "-f", "json")
    assert result.code == 0, result
    assert len(result.json()["results"]) == 3


def test_support_mailbox_reply_rules_per_message(run_cli: Any) -> None:
    """The same threads `mailgate inbox` reports on, checked message by message with their context."""
    rules = "reply-sla,late-reply-apology,acknowledgment-deadline,autoreply-business-hours,autoreply-headers"
    result = run_cli("check", MAILBOXES / "support.mbox", "--select", rules, "-f", "json")
    assert result.code == 1, result
    found = {r["path"].rsplit("#", 1)[1]: sorted(f["rule"] for f in r["findings"])
             for r in result.json()["results"] if r["findings"]}
    assert found == {
        "4": ["reply-sla"],                               # es: late, with an apology
        "6": ["late-reply-apology", "reply-sla"],         # de: late, no apology
        "8": ["acknowledgment-deadline"],                 # pl: robot acknowledgment without a deadline
        "12": ["acknowledgment-deadline", "autoreply-business-hours"],  # pl: after-hours notice without "when"
    }                                                     # ru: Friday 18:40 → Monday 10:15 is in time


def test_bounces_in_a_mailbox_are_not_linted_as_replies(run_cli: Any) -> None:
    """A DSN is written by a mail server, not by us: `check` says so instead of asking it for a greeting."""
    from conftest import ROOT

    result = run_cli("check", ROOT / "examples" / "campaign" / "ledger" / "bounces.mbox", "-f", "json")
    assert result.code == 0, result
    for item in result.json()["results"]:
        assert item["findings"] == [] and item["kind"] is None
        assert "delivery-status notification" in item["kind_reason"]
