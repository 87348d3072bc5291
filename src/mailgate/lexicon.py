"""Per-language word lists (data in rules/lexicons/<lang>/<name>.yaml) and a phrase matcher.

Matching is by tokens, not regexes: a phrase matches a run of words; a word ending in
``*`` matches any ending, which is how inflected forms in Polish, Russian and German are
listed ("przeprasz*" covers przepraszam, przepraszamy, przeprosiny is listed on its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from mailgate.errors import RuleError
from mailgate.text.tokens import word_spans
from mailgate.yamlio import load_yaml_file

LANGUAGES = ("en", "es", "de", "pl", "ru")
_MAX_REMEMBERED_WORDS = 100_000


@dataclass(frozen=True)
class PhraseMatch:
    phrase: str
    start: int
    end: int
    text: str


class PhraseMatcher:
    """Finds any of a list of phrases in text, word by word, with ``*`` as an ending wildcard."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases: list[str] = []
        self._by_first: dict[str, list[tuple[str, list[str]]]] = {}
        self._by_prefix: dict[str, list[tuple[str, list[str]]]] = {}
        self._prefix_lengths: set[int] = set()
        # Per word, the phrases that may start with it: texts repeat their words and a dozen
        # rules read the same text, so each distinct word is looked up once (bounded below).
        self._starts: dict[str, tuple[tuple[str, list[str]], ...]] = {}
        for phrase in phrases:
            tokens = _phrase_tokens(phrase)
            if not tokens:
                continue
            self.phrases.append(phrase)
            first = tokens[0]
            if first.endswith("*"):
                stem = first[:-1]
                self._by_prefix.setdefault(stem, []).append((phrase, tokens))
                self._prefix_lengths.add(len(stem))
            else:
                self._by_first.setdefault(first, []).append((phrase, tokens))

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        """Non-overlapping matches, longest phrase first at each position."""
        spans = word_spans(text)
        remembered = self._starts  # most words start no phrase: one dict lookup each
        resume = 0  # the first word after the last match
        for index, (word, start, _) in enumerate(spans):
            if index < resume:
                continue
            candidates = remembered.get(word)
            if candidates is None:
                candidates = self._candidates(word)
            if not candidates:
                continue
            best = _longest(candidates, spans, index)
            if best is not None:
                phrase, length = best
                end = spans[index + length - 1][2]
                yield PhraseMatch(phrase, start, end, text[start:end])
                resume = index + length

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)

    def finditer_outside(self, text: str, exceptions: PhraseMatcher) -> Iterator[PhraseMatch]:
        """Matches that do not lie inside a match of ``exceptions``.

        "It's not your fault" holds a hostile phrase and "sorry to hear that" an apology word,
        yet neither means it; the exceptions lexicon lists such phrases.
        """
        excepted = [(m.start, m.end) for m in exceptions.finditer(text)]
        for match in self.finditer(text):
            if not any(start <= match.start and match.end <= end for start, end in excepted):
                yield match

    def _candidates(self, word: str) -> tuple[tuple[str, list[str]], ...]:
        """The phrases that may start with ``word`` (its exact form, or a listed stem of it)."""
        if len(self._starts) >= _MAX_REMEMBERED_WORDS:
            self._starts.clear()
        candidates = list(self._by_first.get(word, ()))
        for length in self._prefix_lengths:
            if len(word) >= length:
                candidates.extend(self._by_prefix.get(word[:length], ()))
        found = self._starts[word] = tuple(candidates)
        return found


def _longest(candidates: Sequence[tuple[str, list[str]]], spans: Sequence[tuple[str, int, int]],
             index: int) -> tuple[str, int] | None:
    """The longest candidate phrase whose further words follow at ``index``: (phrase, word count)."""
    best: tuple[str, int] | None = None
    for phrase, tokens in candidates:
        if index + len(tokens) > len(spans):
            continue
        if all(_token_matches(tokens[k], spans[index + k][0]) for k in range(1, len(tokens))):
            if best is None or len(tokens) > best[1]:
                best = (phrase, len(tokens))
    return best


def _token_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _phrase_tokens(phrase: str) -> list[str]:
    tokens = [w for w, _, _ in word_spans(phrase)]
    if tokens and phrase.rstrip().endswith("*"):
        tokens[-1] += "*"
    # An inner "word*" keeps its star too: "przeprasz* za" → ["przeprasz*", "za"].
    starred = {w.casefold() for w in phrase.split() if w.endswith("*")}
    return [t + "*" if not t.endswith("*") and t + "*" in starred else t for t in tokens]


class Lexicons:
    """Loads lexicons lazily from one or more folders; later folders extend earlier ones."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = [Path(r) for r in roots]
        self._raw: dict[tuple[str, str], list[str] | dict[str, str]] = {}
        self._matchers: dict[tuple[str, str | None], PhraseMatcher] = {}
        self._names: set[str] | None = None

    def names(self) -> set[str]:
        """Every lexicon name under the roots (read once: named checks ask per message)."""
        if self._names is None:
            self._names = {p.stem for root in self.roots for p in root.glob("*/*.yaml")}
        return self._names

    def entries(self, name: str, lang: str) -> list[str] | dict[str, str]:
        key = (name, lang)
        if key not in self._raw:
            merged: list[str] | dict[str, str] | None = None
            for root in self.roots:
                path = root / lang / f"{name}.yaml"
                if path.is_file():
                    merged = _merge(merged, _read_lexicon(path))
            self._raw[key] = merged if merged is not None else []
        return self._raw[key]

    def exists(self, name: str) -> bool:
        return any((root / lang / f"{name}.yaml").is_file() for root in self.roots for lang in LANGUAGES)

    def matcher(self, name: str, lang: str | None) -> PhraseMatcher:
        """The phrases of ``name`` for ``lang``; every language's when the language is unknown."""
        key = (name, lang)
        if key not in self._matchers:
            langs = [lang] if lang in LANGUAGES else list(LANGUAGES)
            phrases: list[str] = []
            for code in langs:
                phrases.extend(self.entries(name, code))
            self._matchers[key] = PhraseMatcher(phrases)
        return self._matchers[key]

    def mapping(self, name: str, lang: str | None) -> dict[str, str]:
        """A substitution lexicon (phrase → plain replacement) for ``lang`` or every language."""
        langs = [lang] if lang in LANGUAGES else list(LANGUAGES)
        merged: dict[str, str] = {}
        for code in langs:
            entries = self.entries(name, code)
            if isinstance(entries, dict):
                merged.update(entries)
        return merged


def _merge(old: list[str] | dict[str, str] | None, new: list[str] | dict[str, str]) -> list[str] | dict[str, str]:
    if old is None:
        return new
    if isinstance(old, dict) and isinstance(new, dict):
        return {**old, **new}
    if isinstance(old, list) and isinstance(new, list):
        return old + new
    return new


def _read_lexicon(path: Path) -> list[str] | dict[str, str]:
    data = load_yaml_file(path)
    entries = data.get("entries") if isinstance(data, dict) else None
    if isinstance(entries, list) and all(isinstance(e, str) for e in entries):
        return entries
    if isinstance(entries, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        return entries
    raise RuleError("a lexicon needs 'entries': a list of phrases or a mapping phrase → replacement",
                    path=str(path), field="entries")
