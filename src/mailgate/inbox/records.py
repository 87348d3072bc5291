"""One mailbox message reduced to what the SLA report needs: who, when, which thread, what tone.

The message is parsed with the standard library's tolerant compat32 parser and dropped
right after; only this small record survives, so memory does not grow with message sizes.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import decode_header, make_header
from email.message import Message as StdMessage
from email.utils import parsedate_to_datetime
from typing import Callable, Iterable

from mailgate.addresses import local_part_matches
from mailgate.checks.autoreplies import automated_reason
from mailgate.lexicon import Lexicons
from mailgate.load.mbox import RawMessage, referenced_ids

CUSTOMER, SUPPORT, AUTOMATED = "customer", "support", "automated"
ROBOT_SENDERS_LEXICON = "noreply_senders"
HEADER_END = re.compile(rb"\r?\n\r?\n")
ANGLE_ADDRESS = re.compile(r"<\s*([^<>\s@]+@[^<>\s]+?)\s*>")
BARE_ADDRESS = re.compile(r"([^\s<>,;:\"'()\[\]]+@[^\s<>,;:\"'()\[\]]+)")
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


def robot_senders(lexicons: Lexicons, name: str = ROBOT_SENDERS_LEXICON) -> Callable[[str], bool]:
    """Is an address a robot's (no-reply, mailer-daemon …)? The patterns are the pattern lexicon
    rules/lexicons/any/noreply_senders.yaml, which configured ``lexicon_paths`` extend."""
    patterns = lexicons.patterns(name)
    return lambda address: local_part_matches(address, patterns)


def read_record(raw: RawMessage, ours: SupportAddresses, tone: Callable[[str], tuple[str, ...]],
                is_robot: Callable[[str], bool]) -> MailRecord:
    """Reduce one raw message; raises ValueError when it has no mail headers at all."""
    # compat32 is fast and tolerant of broken headers; only a customer's body is worth parsing.
    end = HEADER_END.search(raw.data)
    parsed = email.message_from_bytes(raw.data[:end.start()] if end else raw.data)
    headers: dict[str, str] = {}
    for key, value in parsed.raw_items():  # raw text: compat32 would wrap 8-bit text in an unreadable Header
        headers.setdefault(key.lower(), value if value.isascii() else _unescape(value))
    header = _lookup(headers)
    if not any(name in headers for name in ("from", "message-id", "date", "subject")):
        raise ValueError("no mail headers (From, Date, Message-ID, Subject all missing)")
    senders = addresses(header("From"))
    sender = senders[0] if senders else ""
    recipients = [a for a in addresses(header("To")) + addresses(header("Cc")) if a not in ours]
    role = _role(parsed, header, sender, ours, is_robot)
    ids = referenced_ids(header("In-Reply-To") or "", header("References") or "")
    message_id = (header("Message-ID") or "").strip() or f"<{raw.label}@mailgate.invalid>"
    subject = _decoded(header("Subject"))
    negative = tone(_body_sample(email.message_from_bytes(raw.data))) if role == CUSTOMER else ()
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
        at=_timestamp(header("Date"), raw.envelope),
        negative=negative,
    )


def _lookup(headers: dict[str, str]) -> Callable[[str], str | None]:
    return lambda name: headers.get(name.lower())


def _role(parsed: StdMessage, header: Callable[[str], str | None], sender: str, ours: SupportAddresses,
          is_robot: Callable[[str], bool]) -> str:
    if parsed.get_content_type() == "multipart/report" or is_robot(sender):
        return AUTOMATED  # delivery-status notifications (RFC 3464) and robots
    if header("X-Autoreply") or header("X-Autorespond") or header("List-Unsubscribe") or automated_reason(header):
        return AUTOMATED
    return SUPPORT if sender in ours else CUSTOMER


def _unescape(value: str) -> str:
    """Raw 8-bit header bytes (kept as surrogates by compat32) read as UTF-8, else Windows-1252."""
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeError:
        return raw.decode("cp1252", "replace")


def _decoded(value: str | None) -> str:
    """RFC 2047 encoded words decoded, whitespace normalised."""
    if not value:
        return ""
    text = value
    if "=?" not in text:
        return " ".join(text.split())
    try:
        return " ".join(str(make_header(decode_header(text))).split())
    except (ValueError, LookupError, UnicodeError):
        return " ".join(text.split())


def addresses(value: str | None) -> list[str]:
    """Lower-cased addresses of an address header: ``<addr>`` forms, else bare ``local@domain`` words.

    A regular expression instead of ``email.utils.getaddresses``: the inbox reads every
    message's From/To/Cc, and the full RFC 5322 grammar costs more than the rest of the scan.
    """
    if not value:
        return []
    text = _decoded(value) if "=?" in value else value
    found = ANGLE_ADDRESS.findall(text) or BARE_ADDRESS.findall(text)
    return [address.lower() for address in found]


def _timestamp(date_header: str | None, envelope: str) -> float | None:
    """The Date header, else the mbox envelope's date (``From sender Mon Mar  2 09:00:00 2026``)."""
    moment: datetime | None
    try:
        moment = parsedate_to_datetime(date_header or "")
    except (TypeError, ValueError, IndexError):
        moment = _envelope_date(envelope)
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _envelope_date(envelope: str) -> datetime | None:
    parts = envelope.split(None, 2)
    if len(parts) < 3:
        return None
    try:
        return datetime.strptime(" ".join(parts[2].split()), "%a %b %d %H:%M:%S %Y").replace(tzinfo=timezone.utc)
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
