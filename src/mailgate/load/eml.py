"""RFC 5322 / MIME messages through the standard ``email`` package.

The MIME structure is read with the ``compat32`` policy and each header decoded once with
``policy.default``: under ``policy.default`` the parser re-parses Content-Type with the full
header grammar every time it asks a part for its type — a dozen times per part, two-thirds of
the time to load a campaign mail.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message as StdMessage
from typing import Any, Iterator

from mailgate.errors import InputError
from mailgate.limits import MAX_HEADER_CHARS, MAX_HEADERS, MAX_MIME_DEPTH, MAX_MIME_PARTS
from mailgate.load.decode import cap_text, charset_known, decode_text
from mailgate.message import Message

ADDRESS_FIELDS = {"from": "from", "reply-to": "reply_to", "to": "to", "cc": "cc"}
PLAIN_FIELDS = {"subject": "subject", "in-reply-to": "in_reply_to", "date": "date",
                "content-language": "lang", "message-id": "message_id", "references": "references"}


_DELIMITER_LINE = re.compile(rb"^--", re.MULTILINE)
MAX_DELIMITER_LINES = 2 * MAX_MIME_PARTS


def load_eml(data: bytes, name: str) -> Message:
    defects = []
    cut = _nth_match(_DELIMITER_LINE, data, MAX_DELIMITER_LINES)
    if cut is not None:  # the email package would parse every part before we skip all but MAX_MIME_PARTS
        line = data.count(b"\n", 0, cut) + 1
        defects.append(f"more than {MAX_DELIMITER_LINES} lines look like MIME boundaries; "
                       f"the message after line {line} was not read")
    try:
        parsed = email.message_from_bytes(data[:cut], policy=email.policy.compat32)
    except RecursionError:  # the email package recurses once per multipart level
        raise InputError(f"MIME parts are nested hundreds of levels deep (mailgate reads {MAX_MIME_DEPTH})",
                         path=name) from None
    source, _ = decode_text(data)
    message = Message(path=name, source=source, fmt="eml", size_bytes=len(data), defects=defects)
    raw_items = _raw_items(parsed)
    if len(raw_items) > MAX_HEADERS:
        message.defects.append(f"{len(raw_items)} header fields; only the first {MAX_HEADERS} were read")
    message.headers = [(key, header_text(key, value, message.defects)) for key, value in raw_items[:MAX_HEADERS]]
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


def _nth_match(pattern: re.Pattern[bytes], data: bytes, limit: int) -> int | None:
    """Where the match after the first ``limit`` starts, or None when there are no more."""
    for count, match in enumerate(pattern.finditer(data), 1):
        if count > limit:
            return match.start()
    return None


def _raw_items(parsed: StdMessage) -> list[tuple[str, str]]:
    return list(parsed._headers)  # type: ignore[attr-defined]  # raw (name, value) pairs, parsed lazily


def header_text(key: str, raw: object, defects: list[str] | None = None) -> str:
    """Decode one header; RFC 2047 garbage or an unparsable address keeps its raw text."""
    if isinstance(raw, str) and len(raw) > MAX_HEADER_CHARS:
        if defects is not None:
            defects.append(f"header {key} has {len(raw):,} characters; only the first {MAX_HEADER_CHARS:,} were read")
        raw = raw[:MAX_HEADER_CHARS]
    if isinstance(raw, str) and raw.isascii() and "=?" not in raw and _is_unstructured(key):
        return " ".join(raw.split())  # nothing to decode: the email package's parse would return the same
    try:
        return " ".join(str(email.policy.default.header_fetch_parse(key, raw)).split())
    except Exception:  # noqa: BLE001 — the email package raises many types on hostile headers
        return " ".join(str(raw).split())


def _is_unstructured(key: str) -> bool:
    """A header the email package reads as free text (X-Mailer, List-Id, Subject …), not as
    addresses, dates, IDs or MIME parameters, whose parse only decodes RFC 2047 words."""
    name = key.lower()
    return name == "subject" or name not in email.policy.default.header_factory.registry


def _body_line(source: str) -> int:
    for number, line in enumerate(source.split("\n"), 1):
        if not line.strip("\r"):
            return number + 1
    return 1


def walk_parts(parsed: StdMessage) -> Iterator[tuple[StdMessage, int]]:
    """Every part with its nesting depth, depth-first, without recursion (hostile nesting)."""
    stack = [(parsed, 0)]
    while stack:
        part, depth = stack.pop()
        yield part, depth
        if part.is_multipart() and depth < MAX_MIME_DEPTH:
            children = part.get_payload()
            stack.extend((child, depth + 1) for child in reversed(children if isinstance(children, list) else []))


def _collect_bodies(parsed: StdMessage, message: Message) -> None:
    html_parts: list[str] = []
    text_parts: list[str] = []
    finder = PartFinder(message.source, message.body_line)
    html_line = 1
    for count, (part, depth) in enumerate(walk_parts(parsed)):
        if count >= MAX_MIME_PARTS:
            message.defects.append(f"more than {MAX_MIME_PARTS} MIME parts; the rest were not read")
            break
        if part.is_multipart():
            too_deep = f"MIME parts nested deeper than {MAX_MIME_DEPTH} levels; the deeper parts were not read"
            if depth == MAX_MIME_DEPTH and too_deep not in message.defects:
                message.defects.append(too_deep)
            continue
        disposition = (part.get_content_disposition() or "").lower()
        content_type = part.get_content_type()
        if disposition == "attachment":
            message.attachments.append(_attachment_name(part, content_type))
            continue
        if content_type == "text/html":
            html = part_text(part, message)
            message.html_origins.append((html_line, finder.first_line(part, html)))
            html_line += html.count("\n") + 1  # parts are joined by a newline
            html_parts.append(html)
        elif content_type == "text/plain":
            text_parts.append(part_text(part, message))
        elif not content_type.startswith("multipart/"):
            message.attachments.append(_attachment_name(part, content_type))
    message.html = cap_text("\n".join(html_parts), "the HTML", message.defects) if html_parts else None
    message.plain = cap_text("\n".join(text_parts), "the plain text", message.defects) if text_parts else None
    message.has_text_part = bool(text_parts)


def _attachment_name(part: StdMessage, content_type: str) -> str:
    """The part's file name: RFC 2231 and RFC 2047 ("=?UTF-8?B?…?=") decoded, raw UTF-8 kept."""
    name = _params(part, "content-disposition").get("filename") or _params(part, "content-type").get("name")
    return str(name) if name else content_type


def _params(part: StdMessage, name: str) -> Any:
    """A MIME header's parameters as policy.default reads them (compat32 would garble raw 8-bit
    bytes and keep comments: "charset=utf-8 (x)")."""
    raw = next((value for key, value in _raw_items(part) if key.lower() == name), None)
    if not isinstance(raw, str):
        return {}
    try:  # the parser slows down faster than a header grows: cap it as header_text does
        return getattr(email.policy.default.header_fetch_parse(name, raw[:MAX_HEADER_CHARS]), "params", {})
    except Exception:  # noqa: BLE001 — the email package raises many types on hostile headers
        return {}


class PartFinder:
    """Finds where a part's text starts in the file, walking forward through the parts in order.

    Only a part sent as is (7bit, 8bit, binary) has its lines in the file; a quoted-printable
    or base64 part's decoded lines are not the file's, so it has no line (None).
    """

    ENCODED = frozenset({"quoted-printable", "base64"})
    ANCHOR_LINES = 3

    def __init__(self, source: str, body_line: int) -> None:
        self._lines = [line.rstrip("\r") for line in source.split("\n")]
        self._next = body_line - 1  # index of the first line not yet claimed by a part

    def first_line(self, part: StdMessage, text: str) -> int | None:
        if str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower() in self.ENCODED:
            return None
        wanted = [line.rstrip("\r") for line in text.split("\n")]
        anchor = wanted[:self.ANCHOR_LINES]
        lines = self._lines
        for index in range(self._next, len(lines) - len(anchor) + 1):
            if lines[index] == anchor[0] and lines[index:index + len(anchor)] == anchor:
                self._next = index + len(wanted)
                return index + 1
        return None


def part_text(part: StdMessage, message: Message) -> str:
    """A text part's content in its declared charset; wrong or missing charsets are noted, not fatal."""
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001 — broken transfer encodings
        message.defects.append("a part's Content-Transfer-Encoding could not be decoded")
        payload = str(part.get_payload()).encode("utf-8", "replace")
    charset = str(_params(part, "content-type").get("charset") or "").lower() or None
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
    for count, (part, _) in enumerate(walk_parts(parsed)):
        if count >= MAX_MIME_PARTS:
            break
        for defect in getattr(part, "defects", []):
            found.append(f"MIME defect: {type(defect).__name__}")
    return sorted(set(found))

