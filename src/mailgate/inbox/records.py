"""One mailbox message reduced to what the SLA report needs: who, when, which thread, what tone.

The message is parsed with the standard library's tolerant compat32 parser (the
``mailbox`` module's own message class) and dropped right after; only this small record
survives, so memory does not grow with message sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import decode_header, make_header
from email.message import Message as StdMessage
from email.utils import getaddresses, parsedate_to_datetime
from typing import Callable, Iterable

from mailgate.checks.autoreplies import automated_reason
from mailgate.load.mbox import RawMessage, parse_std, referenced_ids
from mailgate.message import Message

CUSTOMER, SUPPORT, AUTOMATED = "customer", "support", "automated"
ROBOT_SENDERS = re.compile(r"^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)(?:[-+.]|@)", re.I)
REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|odp|res|sv|antw|ответ|fwd?|wg|rv|pd)\s*(?:\[\d+\])?\s*[:：]\s*)+",
                          re.IGNORECASE)
TONE_SAMPLE_CHARS = 5000


@dataclass(frozen=True)
class MailRecord:
    """What the inbox report keeps of one message."""

    label: str
    message_id: str
    parent: str | None
    root: str
    subject: str
    subject_key: str
    reply_prefix: bool
    sender: str
    correspondent: str
    role: str
    at: float | None
    negative: tuple[str, ...] = ()


class SupportAddresses:
    """Our addresses: exact ones (support@shop.example) and whole domains (@shop.example)."""

    def __init__(self, entries: Iterable[str]) -> None:
        cleaned = [e.strip().lower() for e in entries if e.strip()]
        self.domains = frozenset(e.lstrip("@") for e in cleaned if e.startswith("@") or "@" not in e)
        self.addresses = frozenset(e for e in cleaned if "@" in e and not e.startswith("@"))

    def __bool__(self) -> bool:
        return bool(self.domains or self.addresses)

    def __contains__(self, address: str) -> bool:
        address = address.lower()
        return address in self.addresses or address.rpartition("@")[2] in self.domains


def read_record(raw: RawMessage, ours: SupportAddresses, tone: Callable[[str], tuple[str, ...]]) -> MailRecord:
    """Reduce one raw message; raises ValueError when it has no mail headers at all."""
    parsed = parse_std(raw)
    if not any(parsed.get(name) for name in ("From", "Message-ID", "Date", "Subject")):
        raise ValueError("no mail headers (From, Date, Message-ID, Subject all missing)")
    sender = _first_address([_raw_header(parsed, "From")])
    recipients = [a for a in _addresses([_raw_header(parsed, "To"), _raw_header(parsed, "Cc")]) if a not in ours]
    role = _role(parsed, sender, ours)
    ids = referenced_ids(_text(parsed.get("In-Reply-To")), _text(parsed.get("References")))
    message_id = _text(parsed.get("Message-ID")).strip() or f"<{raw.label}@mailgate.invalid>"
    subject = _decoded(_raw_header(parsed, "Subject"))
    negative = tone(_body_sample(parsed)) if role == CUSTOMER else ()
    return MailRecord(
        label=raw.label,
        message_id=message_id,
        parent=ids[-1] if ids else None,
        root=ids[0] if ids else message_id,
        subject=subject,
        subject_key=REPLY_PREFIX.sub("", subject).strip().casefold(),
        reply_prefix=bool(REPLY_PREFIX.match(subject)),
        sender=sender,
        correspondent=sender if role == CUSTOMER else (recipients[0] if recipients else ""),
        role=role,
        at=_timestamp(parsed),
        negative=negative,
    )


def _role(parsed: StdMessage, sender: str, ours: SupportAddresses) -> str:
    if parsed.get_content_type() == "multipart/report" or ROBOT_SENDERS.match(sender):
        return AUTOMATED  # delivery-status notifications (RFC 3464) and robots
    if parsed.get("X-Autoreply") or parsed.get("X-Autorespond") or parsed.get("List-Unsubscribe"):
        return AUTOMATED
    if automated_reason(Message(path="", source="", fmt="eml", headers=list(parsed.items()))):
        return AUTOMATED
    return SUPPORT if sender in ours else CUSTOMER


def _text(value: object) -> str:
    return str(value) if value is not None else ""


def _raw_header(parsed: StdMessage, name: str) -> str | None:
    """The header as it was in the file (compat32 would wrap raw 8-bit text in an unreadable Header)."""
    lowered = name.lower()
    return next((value for key, value in parsed.raw_items() if key.lower() == lowered), None)


def _decoded(value: object) -> str:
    """RFC 2047 words decoded; raw 8-bit headers (kept as surrogates by compat32) read as UTF-8."""
    if value is None:
        return ""
    text = str(value)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        text = text.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
    try:
        return " ".join(str(make_header(decode_header(text))).split())
    except (ValueError, LookupError, UnicodeError):
        return " ".join(text.split())


def _addresses(values: list[object]) -> list[str]:
    return [address.lower() for _, address in getaddresses([_decoded(v) for v in values if v]) if "@" in address]


def _first_address(values: list[object]) -> str:
    found = _addresses(values)
    return found[0] if found else ""


def _timestamp(parsed: StdMessage) -> float | None:
    """The Date header, else the mbox envelope's date (``From sender Mon Mar  2 09:00:00 2026``)."""
    try:
        moment = parsedate_to_datetime(_text(parsed.get("Date")))
    except (TypeError, ValueError, IndexError):
        moment = _envelope_date(parsed)
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _envelope_date(parsed: StdMessage) -> datetime | None:
    envelope = parsed.get_from() if hasattr(parsed, "get_from") else ""
    parts = (envelope or "").split(None, 1)
    if len(parts) < 2:
        return None
    try:
        return datetime.strptime(" ".join(parts[1].split()), "%a %b %d %H:%M:%S %Y").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _body_sample(parsed: StdMessage) -> str:
    """The customer's own words for the tone check: the first text part, quoted lines dropped."""
    html = None
    for part in parsed.walk():
        content_type = part.get_content_type()
        if content_type not in ("text/plain", "text/html") or part.get_content_disposition() == "attachment":
            continue
        text = _part_text(part)
        if content_type == "text/plain":
            return _own_lines(text)
        html = html or text
    if html is None:
        return ""
    import lxml.html

    try:
        return _own_lines(lxml.html.fromstring(html[:TONE_SAMPLE_CHARS * 4]).text_content())
    except (ValueError, TypeError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return ""


def _part_text(part: StdMessage) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload[:TONE_SAMPLE_CHARS * 4].decode(charset, errors="replace")
    except LookupError:
        return payload[:TONE_SAMPLE_CHARS * 4].decode("utf-8", errors="replace")


def _own_lines(text: str) -> str:
    own = []
    for line in text[:TONE_SAMPLE_CHARS].splitlines():
        if line.lstrip().startswith(">"):
            continue
        own.append(line)
    return "\n".join(own)
