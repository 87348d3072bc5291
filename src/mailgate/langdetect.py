"""Language detection restricted to the configured languages (lingua ships its models in its wheel).

Measured on the corpus (bench/langdetect_accuracy.py): lingua's low-accuracy mode (trigram
models, ~90 ms to load) names every three-line body right, but is confidently wrong on some
subject lines ("Re: Password" → German at 0.79); its high-accuracy mode is better on them but
costs ~1.2 s of CPU to load, four times the start-up budget of `mailgate check`. So the evidence
a person would use comes first — letters only one language has (ł, ß, ñ, Cyrillic) and function
words (lexicons ``letters`` and ``stopwords``) — then lingua's low-accuracy mode; on a short text
its answer counts only at confidence >= 0.8, else the language stays unknown (and rules read
every language's lexicons) rather than wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import regex

SHORT_TEXT_LETTERS = 60
SHORT_TEXT_CONFIDENCE = 0.8  # below it a short text's language stays unknown
LONG_TEXT_VOTES = 3  # function words needed to decide a longer text without lingua
LONG_TEXT_LEAD = 2  # ... and how many times more than the next language
LONG_TEXT_LETTERS = 3  # or this many letters that only one language has
# "Re:"/"Fwd:" are in every language; the local prefixes (AW:, Odp:, RV:, Отв:) stay, as function words.
_REPLY_PREFIX = regex.compile(r"^(?:\s*(?:re|fwd?)\s*(?:\[\d+\])?\s*:)+", regex.IGNORECASE)
_WORD = regex.compile(r"\p{L}+")
_ISO_639_1 = regex.compile(r"^[A-Za-z]{2}$")


@dataclass(frozen=True)
class Hints:
    """What one language looks like on a short text: its own letters and its function words."""

    letters: frozenset[str]
    stopwords: frozenset[str]


HintSource = Callable[[str], Hints]


@lru_cache(maxsize=8)  # one per lexicon set (a run has one or a few), not one per message
def lexicon_hints(lexicons: Any) -> HintSource:
    """Hints read from the lexicons ``letters`` and ``stopwords`` of each language, once each."""
    @lru_cache(maxsize=None)
    def hints(code: str) -> Hints:
        return Hints(frozenset(str(e).casefold() for e in lexicons.entries("letters", code)),
                     frozenset(str(e).casefold() for e in lexicons.entries("stopwords", code)))

    return hints


def detect(text: str, languages: tuple[str, ...], hints: HintSource | None = None) -> str | None:
    """The most likely of ``languages`` for ``text``, or None when nothing can tell."""
    supported = tuple(dict.fromkeys(code.lower() for code in languages if _ISO_639_1.match(code)))
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
    return _lingua(text, supported, SHORT_TEXT_CONFIDENCE if short else 0.0)


def decide_by_hints(text: str, languages: tuple[str, ...], hints: HintSource, short: bool) -> str | None:
    """A language only when the evidence points to exactly one.

    Short texts: letters only one language has, else more function words than any other
    language. Longer texts need more: function words with a clear lead, or several letters of
    one language only, not outvoted by another language's function words — a quoted name like
    "Łukasz" must not make a German text Polish. Otherwise lingua decides.
    """
    lowered = text.casefold()
    own_letters = {code: _occurrences(lowered, hints(code).letters) for code in languages}
    by_letters = [code for code, count in own_letters.items() if count]
    if short and len(by_letters) == 1:
        return by_letters[0]
    candidates = by_letters if short and by_letters else list(languages)
    words = _WORD.findall(lowered)
    votes = Counter({code: sum(1 for word in words if word in hints(code).stopwords) for code in candidates})
    ranked = votes.most_common(2) + [("", 0)]
    (best, top), (_, second) = ranked[0], ranked[1]
    if short:
        return best if top > second else None
    if top >= LONG_TEXT_VOTES and top >= LONG_TEXT_LEAD * second:
        return best
    if len(by_letters) == 1 and own_letters[by_letters[0]] >= LONG_TEXT_LETTERS:
        code = by_letters[0]
        return code if votes[code] >= top else None
    return None


def _occurrences(text: str, letters: frozenset[str]) -> int:
    """How many characters of ``text`` are among ``letters``: a count per letter, in C, not a loop per character."""
    return sum(text.count(letter) for letter in letters if len(letter) == 1)


def _lingua(text: str, languages: tuple[str, ...], min_confidence: float) -> str | None:
    """lingua's answer (imported only now: most messages are decided without it)."""
    detector = _detector(languages)
    if detector is None:
        return None
    if min_confidence <= 0:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language is not None else None
    ranked = detector.compute_language_confidence_values(text)
    if not ranked or ranked[0].value < min_confidence:
        return None
    return ranked[0].language.iso_code_639_1.name.lower()


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]) -> Any:
    from lingua import LanguageDetectorBuilder

    known = [language for language in map(_lingua_language, languages) if language is not None]
    if len(known) < 2:
        return None
    # Low-accuracy mode: trigram models only, ~90 ms to load; high accuracy costs ~1.2 s of CPU.
    return LanguageDetectorBuilder.from_languages(*known).with_low_accuracy_mode().build()


@lru_cache(maxsize=64)
def _lingua_language(code: str) -> Any:
    """Any language lingua knows, by ISO 639-1 code; None for codes it does not know."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except (ValueError, AttributeError):
        return None
