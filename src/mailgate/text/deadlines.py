"""Does a text say *when*? Durations, day names and times of day from the deadline lexicons.

``deadline_phrases`` entries use ``#`` for a number: digits ("24", "9:00") or a word from
``number_words`` ("two", "zwei", "dwóch", "двух"). Numbers in the text are folded to one
placeholder token before matching, so "within 2 business days" and "within two business
days" are the same phrase, and "w ciągu 24 godzin" needs no entry per number. Number words
inside the phrases are folded the same way (Spanish "un" is an article and a number).
``@`` stands for a clock time or a date written in digits ("12:00", "15.3", "20.03.2027"):
"antes de las @", "до @", "bis @". Phrases may use the lexicon gap syntax (``~``).
A ``#`` also stands for a range, which auto-replies often promise: "3–5", "3-5", "two to
three", "zwei bis drei", "2 или 3" — two numbers with at most one word between them.

A phrase that overlaps one of ``deadline_exceptions`` says when something else happens: opening
hours ("von 9 bis 18 Uhr", "с 9:00 до 21:00", "od poniedziałku do piątku"), how often ("pięć
razy w ciągu godziny") or when orders ship ("los pedidos se envían en un plazo de 3 a 5 días").
There ``#*`` is a number or a clock time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

import regex

from mailgate.errors import RuleError
from mailgate.lexicon import LANGUAGES, PhraseMatch, PhraseMatcher
from mailgate.text.tokens import word_spans

if TYPE_CHECKING:
    from mailgate.lexicon import Lexicons

NUMBER_TOKEN = "0"
TIME_TOKEN = "00"
_TIME_OR_DATE = regex.compile(r"\d{1,4}(?:[.:]\d{1,4})+")
_NUMBER = "#"
_RANGE = "# ~1 #"


class DeadlineMatcher:
    """Finds a deadline phrase; built once per lexicon set and language."""

    def __init__(self, phrases: list[str], number_words: list[str], exceptions: list[str] | None = None) -> None:
        self._numbers = frozenset(w.casefold() for w in number_words if " " not in w)
        self._number_phrases = PhraseMatcher([w for w in number_words if " " in w])
        self._matcher = PhraseMatcher(self._fold_phrase(v) for p in phrases for v in _with_ranges(p))
        self._exceptions = PhraseMatcher(self._fold_phrase(p) for p in exceptions or ())

    def _fold_phrase(self, phrase: str) -> str:
        """Fold number words inside a phrase as in the text: Spanish 'un' is also 'one', so
        'en un plazo de #' must read 'en 0 plazo de 0' to meet the folded text."""
        words = phrase.replace("#", NUMBER_TOKEN).replace("@", TIME_TOKEN).split()
        return " ".join(NUMBER_TOKEN if word.casefold() in self._numbers else word for word in words)

    def search(self, text: str) -> str | None:
        """The first deadline phrase as written in ``text``, or None."""
        spans = word_spans(text)
        if not spans:
            return None
        folded = self._fold_number_phrases(text, spans)
        tokens = [_fold_word(word, self._numbers) for word, _, _ in folded]
        joined = " ".join(tokens)
        found = next(self._deadlines(joined), None)
        if found is None:
            return None
        first = joined.count(" ", 0, found.start)
        last = first + found.text.count(" ")
        return text[folded[first][1]:folded[last][2]]

    def _deadlines(self, joined: str) -> Iterator[PhraseMatch]:
        """Deadline phrases in the folded text that no exception overlaps — unless the deadline holds
        the exception whole: "innerhalb von 2 bis 3 Werktagen" is a range, not hours "von 9 bis 18"."""
        excepted = [(m.start, m.end) for m in self._exceptions.finditer(joined)] if self._exceptions else []
        for match in self._matcher.finditer(joined):
            if not any(start < match.end and match.start < end and not _holds(match, start, end) for start, end in excepted):
                yield match

    def _fold_number_phrases(self, text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Multi-word numbers ("двадцать четыре") become one number token."""
        if not self._number_phrases:
            return spans
        result = list(spans)
        for match in reversed(list(self._number_phrases.finditer(text))):
            inside = [i for i, (_, start, end) in enumerate(result) if start >= match.start and end <= match.end]
            if inside:
                result[inside[0]:inside[-1] + 1] = [(NUMBER_TOKEN, match.start, match.end)]
        return result


def _holds(match: PhraseMatch, start: int, end: int) -> bool:
    """Does the deadline hold the exception strictly inside, with its own words on both sides
    ("innerhalb von 2 bis 3 Werktagen" ⊃ "von 2 bis 3"; "с 9 до 18 часов" starts with its exception)?"""
    return match.start < start and end < match.end


def _with_ranges(phrase: str) -> list[str]:
    """The phrase, and the phrase with each of its numbers a range ("within # days", "within # ~1 # days")."""
    variants: list[list[str]] = [[]]
    for word in phrase.split():
        choices = (_NUMBER, _RANGE) if word == _NUMBER else (word,)
        variants = [variant + [choice] for variant in variants for choice in choices]
    return [" ".join(variant) for variant in variants]


def _fold_word(word: str, numbers: frozenset[str]) -> str:
    """A number, or a range written as one hyphenated word ("3-5", "двух-трёх"), is one number token."""
    if word.isdigit() or word in numbers:
        return NUMBER_TOKEN
    if "-" in word and all(part.isdigit() or part in numbers for part in word.split("-")):
        return NUMBER_TOKEN
    return TIME_TOKEN if _TIME_OR_DATE.fullmatch(word) else word


@lru_cache(maxsize=64)
def deadline_matcher(lexicons: "Lexicons", lang: str | None, lexicon: str = "deadline_phrases",
                     numbers: str = "number_words", exceptions: str = "deadline_exceptions") -> DeadlineMatcher:
    """The matcher for a language (every language's phrases when it is unknown)."""
    for name in (lexicon, numbers, exceptions):
        if not lexicons.exists(name):
            raise RuleError(f"unknown lexicon {name!r}", field="lexicon")
    langs = [lang] if lang in LANGUAGES else list(LANGUAGES)

    def entries(name: str) -> list[str]:
        return [entry for code in langs for entry in lexicons.entries(name, code)]

    return DeadlineMatcher(entries(lexicon), entries(numbers), entries(exceptions))
