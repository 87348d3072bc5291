"""Which kind of message this is and which language it is written in, and why.

The JSON output reports both with a reason, so a user can see why a rule applied.
"""

from __future__ import annotations

import fnmatch
import re
from typing import TYPE_CHECKING, Any

from mailgate.message import Message
from mailgate.model import MESSAGE_KINDS

if TYPE_CHECKING:
    from mailgate.lexicon import Lexicons

SUPPORTED_LANGUAGES = ("en", "es", "de", "pl", "ru")
_LANG_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")


def resolve_kind(message: Message, kind_patterns: dict[str, str] | None = None,
                 html_form: bool = False) -> tuple[str, str]:
    """Front matter, then configured path patterns, then the message's own headers and shape."""
    declared = str(message.fields.get("kind") or "").strip().lower()
    if declared in MESSAGE_KINDS:
        return declared, "front matter 'kind'"
    path = message.path.replace("\\", "/")
    for pattern, kind in (kind_patterns or {}).items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, "*/" + pattern.lstrip("/")):
            return kind, f"configured pattern {pattern!r}"
    if (message.header("Auto-Submitted") or "no").strip().lower() != "no":
        return "autoreply", "Auto-Submitted header"
    if message.header("X-Autoreply") or message.header("X-Autorespond"):
        return "autoreply", "X-Autoreply header"
    if message.fields.get("in_reply_to"):
        return "reply", "In-Reply-To" + (" header" if message.is_mail else " in front matter")
    if message.header("List-Unsubscribe") or (message.header("Precedence") or "").lower() in {"bulk", "list"}:
        return "campaign", "List-Unsubscribe/Precedence header"
    if html_form and not message.is_mail:
        return "page", "a <form> with an email field and no mail headers"
    subject = message.field_text("subject").lower()
    if re.match(r"^\s*(re|aw|odp|ответ|res)\s*:", subject):
        return "reply", "subject starts with a reply prefix"
    if message.html is not None:
        return "campaign", "HTML template"
    return "reply", "plain-text draft without headers"


_SERVER_REPORTS = {"delivery-status": "a delivery-status notification (RFC 3464)",
                   "disposition-notification": "a read receipt (RFC 8098)"}


def mail_server_report(message: Message) -> str | None:
    """What a bounce or read receipt is; such mail was written by no one and is not linted
    (bounces belong in the ledger: `mailgate ledger import-bounces`)."""
    content_type = (message.header("Content-Type") or "").lower()
    if not content_type.startswith("multipart/report"):
        return None
    return next((name for kind, name in _SERVER_REPORTS.items() if kind in content_type),
                "a mail server report (multipart/report)")


def declared_language(message: Message, html_lang: str | None, languages: tuple[str, ...]) -> tuple[str | None, str]:
    """A language the message states for itself: front matter, <html lang>, Content-Language."""
    # An .eml has no front matter: its 'lang' field is the Content-Language header, named as such.
    front_matter = None if message.is_mail else message.fields.get("lang")
    for value, reason in ((front_matter, "front matter 'lang'"),
                          (html_lang, "<html lang>"),
                          (message.header("Content-Language"), "Content-Language header")):
        code = normalise_language(value)
        if code:
            return (code, reason) if code in languages else (code, reason + " (not a supported language)")
    return None, ""


def normalise_language(value: Any) -> str | None:
    if not value:
        return None
    match = _LANG_CODE.match(str(value).split(",")[0])
    return match.group(1).lower() if match else None


def detect_language(text: str, languages: tuple[str, ...] = SUPPORTED_LANGUAGES,
                    lexicons: "Lexicons | None" = None) -> tuple[str | None, str]:
    """Detect among the configured languages only; short texts also use the lexicons' hints."""
    sample = text[:2000].strip()
    if len(sample) < 3:
        return None, "too little text to detect the language"
    from mailgate.langdetect import detect, lexicon_hints

    code = detect(sample, languages, lexicon_hints(lexicons) if lexicons is not None else None)
    return (code, "detected") if code else (None, "language not detected")
