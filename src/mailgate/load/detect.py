"""Decide what a file is from its name, then from its content (Maildir files have no suffix)."""

from __future__ import annotations

import re

from mailgate.errors import InputError

_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?", re.ASCII)
_MAIL_HEADERS = (b"from", b"to", b"subject", b"date", b"message-id", b"received", b"return-path",
                 b"mime-version", b"content-type", b"delivered-to", b"in-reply-to", b"reply-to")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<table|<div|<mjml|<p[\s>])", re.IGNORECASE)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
_SUFFIX_FORMATS = {".eml": "eml", ".html": "html", ".htm": "html", ".mjml": "html", ".md": "markdown",
                   ".markdown": "markdown", ".txt": "text"}


def detect_format(data: bytes, name: str) -> str:
    """Return 'eml', 'html', 'markdown' or 'text'; raise InputError for what is not a message."""
    if not data.strip():
        raise InputError("empty file", path=name)
    head = data[:8192]
    if looks_binary(head):
        raise InputError("binary file, not a message or template", path=name)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if suffix == ".eml":
        return "eml"
    if looks_like_mail(head):
        return "eml"
    if suffix in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[suffix]
    if _HTML_START.match(head):
        return "html"
    return "text"


def looks_like_mail(head: bytes) -> bool:
    """A leading RFC 5322 header block with at least two well-known mail headers."""
    if head.startswith(b"From ") and b"\n" in head:  # an mbox "From " line before the headers
        head = head.split(b"\n", 1)[1]
    known = 0
    for line in head.split(b"\n")[:60]:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_LINE.match(line):
            return False
        if line.split(b":", 1)[0].lower() in _MAIL_HEADERS:
            known += 1
    return known >= 2


def looks_binary(head: bytes) -> bool:
    """Known binary signatures, or more than 5% control bytes (a stray NUL in text is not enough)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF")):
        return True
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control > len(head) * 0.05
