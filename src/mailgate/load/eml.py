"""RFC 5322 / MIME messages through the standard ``email`` package (policy.default)."""

from __future__ import annotations

import email
import email.policy
from email.message import Message as StdMessage

from mailgate.load.decode import charset_known, decode_text
from mailgate.message import Message

MAX_MIME_PARTS = 500
ADDRESS_FIELDS = {"from": "from", "reply-to": "reply_to", "to": "to", "cc": "cc"}
PLAIN_FIELDS = {"subject": "subject", "in-reply-to": "in_reply_to", "date": "date",
                "content-language": "lang", "message-id": "message_id", "references": "references"}


def load_eml(data: bytes, name: str) -> Message:
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    source, _ = decode_text(data)
    message = Message(path=name, source=source, fmt="eml", size_bytes=len(data))
    message.headers = [(key, header_text(parsed, key, value)) for key, value in _raw_items(parsed)]
    for key, value in message.headers:
        target = ADDRESS_FIELDS.get(key.lower()) or PLAIN_FIELDS.get(key.lower())
        if target and target not in message.fields:
            message.fields[target] = value
    message.body_line = _body_line(source)
    lines = source.split("\n", message.body_line)[: message.body_line]
    for number, line in enumerate(lines, 1):
        key = line.split(":", 1)[0].strip().lower() if ":" in line and not line[:1].isspace() else ""
        target = ADDRESS_FIELDS.get(key) or PLAIN_FIELDS.get(key)
        if target and target not in message.field_lines:
            message.field_lines[target] = number
    _collect_bodies(parsed, message)
    message.defects.extend(_defects(parsed))
    return message


def _raw_items(parsed: StdMessage) -> list[tuple[str, str]]:
    return list(parsed._headers)  # type: ignore[attr-defined]  # raw (name, value) pairs, parsed lazily


def header_text(parsed: StdMessage, key: str, raw: object) -> str:
    """Decode one header; RFC 2047 garbage or an unparsable address keeps its raw text."""
    try:
        return " ".join(str(parsed.policy.header_fetch_parse(key, raw)).split())  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 — the email package raises many types on hostile headers
        return " ".join(str(raw).split())


def _body_line(source: str) -> int:
    for number, line in enumerate(source.split("\n"), 1):
        if not line.strip("\r"):
            return number + 1
    return 1


def _collect_bodies(parsed: StdMessage, message: Message) -> None:
    html_parts: list[str] = []
    text_parts: list[str] = []
    for count, part in enumerate(parsed.walk()):
        if count >= MAX_MIME_PARTS:
            message.defects.append(f"more than {MAX_MIME_PARTS} MIME parts; the rest were not read")
            break
        if part.is_multipart():
            continue
        disposition = (part.get_content_disposition() or "").lower()
        content_type = part.get_content_type()
        if disposition == "attachment":
            message.attachments.append(part.get_filename() or content_type)
            continue
        if content_type == "text/html":
            html_parts.append(part_text(part, message))
        elif content_type == "text/plain":
            text_parts.append(part_text(part, message))
        elif not content_type.startswith("multipart/"):
            message.attachments.append(part.get_filename() or content_type)
    message.html = "\n".join(html_parts) if html_parts else None
    message.plain = "\n".join(text_parts) if text_parts else None
    message.has_text_part = bool(text_parts)


def part_text(part: StdMessage, message: Message) -> str:
    """A text part's content in its declared charset; wrong or missing charsets are noted, not fatal."""
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001 — broken transfer encodings
        message.defects.append("a part's Content-Transfer-Encoding could not be decoded")
        payload = str(part.get_payload()).encode("utf-8", "replace")
    charset = part.get_content_charset()
    if charset and charset_known(charset):
        try:
            return payload.decode(charset)
        except UnicodeDecodeError:
            message.defects.append(f"a part declared charset {charset} but is not valid {charset}")
    elif charset:
        message.defects.append(f"unknown charset {charset!r}")
    text, note = decode_text(payload)
    if note and not charset:
        message.defects.append(f"a part declares no charset and is {note}")
    return text


def _defects(parsed: StdMessage) -> list[str]:
    found = []
    for part in parsed.walk():
        for defect in getattr(part, "defects", []):
            found.append(f"MIME defect: {type(defect).__name__}")
    return sorted(set(found))

