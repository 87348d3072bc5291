"""Bytes to text: BOMs, declared charsets, and a fallback that never loses the file."""

from __future__ import annotations

import codecs
import re

from mailgate.limits import MAX_TEXT_CHARS

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


def cap_text(text: str, what: str, defects: list[str]) -> str:
    """At most MAX_TEXT_CHARS of ``text`` go to the text rules; a cut is noted in ``defects``."""
    if len(text) <= MAX_TEXT_CHARS:
        return text
    defects.append(f"{what} has {len(text):,} characters; only the first {MAX_TEXT_CHARS:,} were checked")
    return text[:MAX_TEXT_CHARS]


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when text shows the telltale NUL in every other byte, else None."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return codec
    return None
