"""Language detection restricted to the configured languages (lingua ships its models in its wheel).

Measured on the corpus (bench/langdetect_accuracy.py): lingua's low-accuracy mode (trigram
models, ~90 ms to load) names every three-line body right, but is confidently wrong on subject
lines ("Re: Refund for order 5521" → German at 0.93). So the evidence a person would use comes
first — letters only one language has (ł, ß, ñ, Cyrillic) and function words (lexicons
``letters`` and ``stopwords``) — and lingua decides only when that is not clear: in low-accuracy
mode for longer texts, in high-accuracy mode (loaded lazily, ~0.4 s) for short ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import regex

SHORT_TEXT_LETTERS = 60
LONG_TEXT_VOTES = 3  # function words needed to decide a longer text without lingua
LONG_TEXT_LEAD = 2  # ... and how many times more than the next language
# "Re:"/"Fwd:" are in every language; the local prefixes (AW:, Odp:, RV:, Отв:) stay, as function words.
_REPLY_PREFIX = regex.compile(r"^(?:\s*(?:re|fwd?)\s*(?:\[\d+\])?\s*:)+", regex.IGNORECASE)
_WORD = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class Hints:
    """What one language looks like on a short text: its own letters and its function words."""

    letters: frozenset[str]
    stopwords: frozenset[str]


HintSource = Callable[[str], Hints]


def lexicon_hints(lexicons: Any) -> HintSource:
    """Hints read from the lexicons ``letters`` and ``stopwords`` of each language, once each."""
    @lru_cache(maxsize=None)
    def hints(code: str) -> Hints:
        return Hints(frozenset(str(e).casefold() for e in lexicons.entries("letters", code)),
                     frozenset(str(e).casefold() for e in lexicons.entries("stopwords", code)))

    return hints


def detect(text: str, languages: tuple[str, ...], hints: HintSource | None = None) -> str | None:
    """The most likely of ``languages`` for ``text``, or None when nothing can tell."""
    supported = tuple(code for code in languages if _lingua_language(code) is not None)
    if len(supported) <= 1:
        return supported[0] if supported else None
    text = _REPLY_PREFIX.sub("", text, count=1)
    letters = sum(1 for ch in text if ch.isalpha())
    if letters == 0:
        return None
    short = letters < SHORT_TEXT_LETTERS
    if hints is not None:
        decided = decide_by_hints(text, supported, hints, short)
        if decided is not None:
            return decided
    return _lingua(text, supported, high_accuracy=short)


def decide_by_hints(text: str, languages: tuple[str, ...], hints: HintSource, short: bool) -> str | None:
    """A language only when the evidence points to exactly one.

    Short texts: letters only one language has, else more function words than any other
    language. Longer texts: function words alone, and only with a clear lead (a quoted name
    like "Łukasz" must not make a German text Polish); otherwise lingua decides.
    """
    lowered = text.casefold()
    candidates = list(languages)
    if short:
        present = set(lowered)
        by_letters = [code for code in languages if hints(code).letters & present]
        if len(by_letters) == 1:
            return by_letters[0]
        candidates = by_letters or candidates
    words = _WORD.findall(lowered)
    votes = Counter({code: sum(1 for word in words if word in hints(code).stopwords) for code in candidates})
    ranked = votes.most_common(2) + [("", 0)]
    (best, top), (_, second) = ranked[0], ranked[1]
    if short:
        return best if top > second else None
    return best if top >= LONG_TEXT_VOTES and top >= LONG_TEXT_LEAD * second else None


def _lingua(text: str, languages: tuple[str, ...], high_accuracy: bool) -> str | None:
    language = _detector(languages, high_accuracy).detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language is not None else None


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...], high_accuracy: bool) -> Any:
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*(_lingua_language(code) for code in languages))
    # Low-accuracy mode loads trigram models only (~70 ms); high accuracy ~0.4 s, short texts only.
    return (builder if high_accuracy else builder.with_low_accuracy_mode()).build()


@lru_cache(maxsize=64)
def _lingua_language(code: str) -> Any:
    """Any language lingua knows, by ISO 639-1 code; None for codes it does not know."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except (ValueError, AttributeError):
        return None
