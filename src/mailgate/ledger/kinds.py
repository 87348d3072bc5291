"""What each import KIND holds: its table, its columns and how each column is read.

The same table drives parsing, the SQL insert, ``ledger export`` and docs/ledger.md, so
the documented columns and the accepted ones cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from mailgate.addresses import normalise_address
from mailgate.ledger.timestamps import parse_timestamp, stored

SUPPRESSION_REASONS = ("unsubscribe", "complaint", "manual")
CHANNELS = ("email", "postal", "phone", "sms")
ALL_TOPICS = "*"


def _text(value: str) -> str:
    return value.strip()


def _email(value: str) -> str:
    return normalise_address(value) if value.strip() else ""


def _when(value: str) -> str:
    return stored(parse_timestamp(value))


def _topic(value: str) -> str:
    return value.strip().lower() or ALL_TOPICS


def _topics(value: str) -> str:
    """A list of topics, ``|`` or ``,`` separated, stored as ``|a|b|`` so SQL can LIKE-match one."""
    items = sorted({part.strip().lower() for part in value.replace(",", "|").split("|") if part.strip()})
    return "|" + "|".join(items) + "|" if items else ""


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def read(value: str) -> str:
        lowered = value.strip().lower()
        if lowered and lowered not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return lowered

    return read


def _count(value: str) -> str:
    if not value.strip():
        return ""
    number = int(value)
    if number < 0:
        raise ValueError("must not be negative")
    return str(number)


def _status(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    parts = text.split(".")
    if len(parts) != 3 or parts[0] not in {"2", "4", "5"} or not all(p.isdigit() for p in parts):
        raise ValueError(f"{value!r} is not an RFC 3463 status like 5.1.1")
    return text


@dataclass(frozen=True)
class Column:
    name: str
    read: Callable[[str], str]
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Kind:
    """One import kind: the table it fills and its columns in file order."""

    name: str
    table: str
    columns: tuple[Column, ...]
    doc: str
    dedupe: bool = True  # INSERT OR IGNORE against the table's unique index: re-importing a file adds nothing
    complete: Callable[[dict[str, str]], dict[str, str]] | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _bounce_kind(row: dict[str, str]) -> dict[str, str]:
    if not row["kind"]:
        if not row["status"]:
            raise ValueError("a bounce needs 'kind' (hard/soft) or an SMTP 'status'")
        row["kind"] = "hard" if row["status"].startswith("5.") else "soft"
    return row


def _send_has_contact(row: dict[str, str]) -> dict[str, str]:
    if not row["email"] and not row["contact_id"]:
        raise ValueError("a send needs 'email' or 'contact_id'")
    return row


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("consent", "consent", (
        Column("email", _email, True, "the address consent was given for"),
        Column("topic", _topic, False, "the topic consented to; empty or * = every marketing topic"),
        Column("channel", _choice(CHANNELS), False, "email, postal, phone or sms; empty = any channel"),
        Column("given_at", lambda v: _when(v) if v.strip() else "", False, "when (ISO 8601)"),
        Column("method", _text, False, "how: web-form, double-opt-in, paper, phone …"),
        Column("notice_version", _text, False, "what they were told: the form or privacy-notice version"),
        Column("given_by", _text, False, "who gave it: the person's name, account or evidence id"),
        Column("contact_id", _text, False, "your CRM id"),
        Column("department", _text, False, "the department that collected it"),
        Column("source", _text, False, "the system it came from"),
    ), "Consent records (GDPR Art. 7(1): who, when, how, what they were told)."),
    Kind("suppressions", "suppression", (
        Column("email", _email, True, "the suppressed address"),
        Column("reason", _choice(SUPPRESSION_REASONS), True, "unsubscribe, complaint or manual"),
        Column("topic", _topic, False, "the topic left; empty or * = everything (complaints are always global)"),
        Column("department", _text, False, "the department whose list it was left from"),
        Column("source", _text, False, "the system it came from (default: --source or the file name)"),
        Column("created_at", _when, True, "when the person unsubscribed or complained"),
        Column("contact_id", _text, False, "your CRM id"),
    ), "Unsubscribes, complaints and manual blocks. Never removed by an import."),
    Kind("bounces", "bounce", (
        Column("email", _email, True, "the address that bounced"),
        Column("kind", _choice(("hard", "soft")), False, "hard or soft; empty = from status (5.x.x hard, 4.x.x soft)"),
        Column("status", _status, False, "RFC 3463 status, e.g. 5.1.1"),
        Column("diagnostic", _text, False, "the remote server's words"),
        Column("bounced_at", _when, True, "when"),
        Column("campaign_id", _text, False, "the campaign whose send bounced"),
        Column("source", _text, False, "where the bounce was read"),
    ), "Delivery failures.", complete=_bounce_kind),
    Kind("sends", "send", (
        Column("email", _email, False, "the address (email sends; optional for postal/phone)"),
        Column("contact_id", _text, False, "your CRM id (needed when there is no address)"),
        Column("campaign_id", _text, True, "the campaign"),
        Column("channel", _choice(CHANNELS), True, "email, postal, phone or sms"),
        Column("department", _text, False, "the sending department"),
        Column("topic", _topic, False, "the campaign's topic"),
        Column("sent_at", _when, True, "when"),
    ), "What was sent to whom, on every channel.", complete=_send_has_contact),
    Kind("preferences", "preference", (
        Column("email", _email, True, "the address"),
        Column("topics", _topics, False, "topics the person chose (| separated); empty = no choice made"),
        Column("opted_out", _topics, False, "topics the person opted out of (| separated)"),
        Column("max_sends", _count, False, "at most this many sends …"),
        Column("per_days", _count, False, "… in this many days"),
        Column("updated_at", lambda v: _when(v) if v.strip() else "", False, "when they last changed it"),
        Column("contact_id", _text, False, "your CRM id"),
    ), "Per-contact choices from the preference centre; the newest row per address wins.", dedupe=False),
    Kind("calendar", "calendar", (
        Column("campaign_id", _text, True, "the scheduled campaign"),
        Column("name", _text, False, "its name"),
        Column("department", _text, True, "the department running it"),
        Column("channel", _choice(CHANNELS), True, "email, postal, phone or sms"),
        Column("topic", _topic, False, "its topic"),
        Column("scheduled_at", _when, True, "when it goes out"),
        Column("email", _email, False, "one planned recipient's address (one row per recipient)"),
        Column("contact_id", _text, False, "one planned recipient's CRM id"),
    ), "Campaigns every department has scheduled, with their planned recipients."),
)}


def parse_row(kind: Kind, raw: dict[str, Any]) -> tuple[str, ...]:
    """One file row to the stored tuple; raises ValueError naming the column."""
    row: dict[str, str] = {}
    for column in kind.columns:
        value = raw.get(column.name)
        text = "" if value is None else str(value)
        if column.required and not text.strip():
            raise ValueError(f"column {column.name!r} is required")
        try:
            row[column.name] = column.read(text)
        except ValueError as exc:
            raise ValueError(f"column {column.name!r}: {exc}") from None
    if kind.complete is not None:
        row = kind.complete(row)
    return tuple(row[c.name] for c in kind.columns)
