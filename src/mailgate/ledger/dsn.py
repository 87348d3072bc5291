"""RFC 3464 delivery-status notifications from an mbox or a Maildir, as bounce rows.

Only ``multipart/report; report-type=delivery-status`` messages count; each failed or
delayed recipient in the ``message/delivery-status`` part is one bounce: status 5.x.x is
hard, 4.x.x soft (RFC 3463 "persistent transient"). Delivered/relayed/expanded actions are
not bounces and are skipped.
"""

from __future__ import annotations

import email.utils
import mailbox
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Iterator

from mailgate.addresses import normalise_address
from mailgate.errors import InputError
from mailgate.ledger.kinds import KINDS
from mailgate.ledger.timestamps import now_utc, parse_timestamp, stored

BOUNCE_ACTIONS = frozenset({"failed", "delayed"})


@dataclass
class ScanResult:
    rows: list[tuple[str, ...]]
    messages: int = 0
    reports: int = 0


def open_mailbox(path: Path) -> mailbox.Mailbox:
    if path.is_dir():
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise InputError("a directory but not a Maildir (no cur/ or new/)", path=str(path))
        return mailbox.Maildir(str(path), factory=None, create=False)
    if not path.is_file():
        raise InputError("no such mailbox", path=str(path))
    return mailbox.mbox(str(path), create=False)


def scan_mailbox(path: Path) -> ScanResult:
    """Every bounce in the mailbox as a ``bounces`` row (see ledger.kinds)."""
    box = open_mailbox(path)
    result = ScanResult([])
    try:
        for message in box:
            result.messages += 1
            if is_delivery_report(message):
                result.reports += 1
                result.rows.extend(bounces_in(message, str(path)))
    finally:
        box.close()
    return result


def is_delivery_report(message: Message) -> bool:
    return (message.get_content_type() == "multipart/report"
            and str(message.get_param("report-type") or "").lower() == "delivery-status")


def bounces_in(message: Message, source: str) -> Iterator[tuple[str, ...]]:
    if not is_delivery_report(message):
        return
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            yield from _recipient_rows(message, part, source)


def _recipient_rows(report: Message, part: Message, source: str) -> Iterator[tuple[str, ...]]:
    blocks = part.get_payload()
    if not isinstance(blocks, list) or not blocks:
        return
    per_message = blocks[0]
    campaign = (report.get("X-Campaign-ID") or per_message.get("X-Campaign-ID") or "").strip()
    for block in blocks[1:]:
        action = (block.get("Action") or "").strip().lower()
        status = (block.get("Status") or "").strip().split(" ")[0]
        address = _address(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
        if action not in BOUNCE_ACTIONS or not address or not status[:1] in {"4", "5"}:
            continue
        kind = "hard" if status.startswith("5") else "soft"
        when = _when(block.get("Last-Attempt-Date") or per_message.get("Arrival-Date") or report.get("Date"))
        diagnostic = " ".join((block.get("Diagnostic-Code") or "").split())[:500]
        values = {"email": normalise_address(address), "kind": kind, "status": status, "diagnostic": diagnostic,
                  "bounced_at": when, "campaign_id": campaign, "source": source}
        yield tuple(values[name] for name in KINDS["bounces"].column_names)


def _address(field: str) -> str:
    """``rfc822; anna@example.com`` → the address (other address types are not mail)."""
    kind, _, value = str(field).partition(";")
    if not value:
        value, kind = kind, "rfc822"
    return value.strip().strip("<>") if kind.strip().lower() in {"rfc822", "utf-8"} and "@" in value else ""


def _when(value: object) -> str:
    if value:
        try:
            parsed = email.utils.parsedate_to_datetime(str(value))
            return stored(parsed if parsed.tzinfo else parse_timestamp(parsed.isoformat()))
        except (TypeError, ValueError):
            pass
    return stored(now_utc())
