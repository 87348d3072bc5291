"""Words and sentences, Unicode-aware (diacritics, Cyrillic), for every supported language."""

from __future__ import annotations

import regex

# Possessive runs (``++``, ``*+``): the alternatives never overlap, and without them the regex
# module keeps a backtracking frame per character, so one 20 MB "word" exhausts memory.
WORD = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]++|['’\-](?=[\p{L}\p{N}]))*+")
LETTER = regex.compile(r"\p{L}")

# A sentence ends at . ! ? … (or a run of them) followed by space and something that can start one.
_SENTENCE_END = regex.compile(r"(?<=[.!?…])[\"'”»)\]]*\s+(?=[\"'“„«(\[¿¡]*[\p{Lu}\p{N}])|\n\s*\n")


def words(text: str) -> list[str]:
    """The words of ``text`` in order, keeping letters with diacritics and inner hyphens."""
    return WORD.findall(text)


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words with their start and end offsets, for phrase matching."""
    return [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(text)]


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """Split text into sentences, not breaking after known abbreviations or ordinal numbers."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.start()]
        last = candidate.rstrip(".").rsplit(None, 1)[-1].casefold() if candidate.strip() else ""
        if match.group().strip() == "" and "\n" not in match.group() and _is_abbreviation(last, abbreviations):
            continue
        if candidate.strip():
            pieces.append(" ".join(candidate.split()))
        start = match.end()
    tail = text[start:]
    if tail.strip():
        pieces.append(" ".join(tail.split()))
    return [p for p in pieces if LETTER.search(p)]


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    word = word.strip("(\"'«„")
    return word in abbreviations or word.isdigit() or (len(word) == 1 and word.isalpha())
