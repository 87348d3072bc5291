"""HTML templates, plain-text and Markdown drafts, with optional YAML front matter."""

from __future__ import annotations

import re

from mailgate.errors import InputError, MailgateError
from mailgate.load.decode import cap_text, decode_text
from mailgate.message import Message
from mailgate.templating import strip_template_comments
from mailgate.yamlio import load_yaml_text

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_LOOKS_HTML = re.compile(r"<(?:html|body|table|div|p|a|br|img|span|td)\b", re.IGNORECASE)
FIELD_ALIASES = {"reply-to": "reply_to", "replyto": "reply_to", "in-reply-to": "in_reply_to",
                 "language": "lang", "content-language": "lang"}


def split_front_matter(text: str, name: str) -> tuple[dict, str, int]:
    """Return (front matter, body, line where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    try:
        data = load_yaml_text(match.group(1), name)
    except MailgateError as exc:
        raise InputError(f"front matter: {exc}".replace(f"{name}: ", ""), path=name) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of fields (subject:, from:, kind: …)", path=name)
    fields = {FIELD_ALIASES.get(str(k).lower(), str(k).lower()): v for k, v in data.items()}
    body_line = text.count("\n", 0, match.end()) + 1
    return fields, text[match.end():], body_line


def load_template(data: bytes, name: str, fmt: str) -> Message:
    text, note = decode_text(data)
    fields, body, body_line = split_front_matter(text, name)
    field_lines = {key: _front_matter_line(text, key) for key in fields}
    is_html = fmt == "html" or (fmt == "markdown" and _LOOKS_HTML.search(body) is not None and "<" in body[:200])
    defects = [note] if note else []
    body = cap_text(body, "the body", defects)
    message = Message(
        path=name,
        source=text,
        fmt=fmt,
        fields=fields,
        html=strip_template_comments(body) if is_html else None,
        plain=None if is_html else body,
        size_bytes=len(data),
        body_line=body_line,
        field_lines={k: v for k, v in field_lines.items() if v},
        defects=defects,
        html_origins=[(1, body_line)] if is_html else [],
    )
    return message


def _front_matter_line(text: str, key: str) -> int | None:
    match = re.search(rf"^{re.escape(key)}\s*:", text[:20000], re.MULTILINE | re.IGNORECASE)
    return text.count("\n", 0, match.start()) + 1 if match else None
