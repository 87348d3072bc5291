"""Negative voices (002 §2): complaint words of every language, so no message needs language detection."""

from __future__ import annotations

from typing import Callable

from mailgate.lexicon import Lexicons

TONE_LEXICONS = ("negative_tone", "hostile")  # hostile: the languages engineer's flaming words, when present
MAX_WORDS = 5


def negative_words(lexicons: Lexicons) -> Callable[[str], tuple[str, ...]]:
    """A function returning the distinct complaint words found in a text (at most a few)."""
    matchers = [lexicons.matcher(name, None) for name in TONE_LEXICONS if lexicons.exists(name)]

    def find(text: str) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for matcher in matchers:
            for match in matcher.finditer(text):
                found[match.text.casefold()] = None
                if len(found) >= MAX_WORDS:
                    return tuple(found)
        return tuple(found)

    return find
