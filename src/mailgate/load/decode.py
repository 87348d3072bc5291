"""Bytes to text: BOMs, declared charsets, and a fallback that never loses the file."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Return the text and a note when the bytes were not what they claimed to be."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if declared is None:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    if declared and charset_known(declared):
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace"), (
        f"not valid UTF-8{f' nor {declared}' if declared else ''}; read as Windows-1252")


def charset_known(name: str) -> bool:
    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return False
