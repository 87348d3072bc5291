"""Per-language word lists (data in rules/lexicons/<lang>/<name>.yaml) and a phrase matcher.

Matching is by tokens, not regexes: a phrase matches a run of words; a word ending in
``*`` matches any ending, which is how inflected forms in Polish, Russian and German are
listed ("przeprasz*" covers przepraszam, przepraszamy, przeprosiny is listed on its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from itertools import permutations, product
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, Union

import regex

from mailgate.errors import RuleError
from mailgate.text.tokens import word_spans
from mailgate.yamlio import load_yaml_file

if TYPE_CHECKING:
    from mailgate.textmodel.linear import LinearModel

LANGUAGES = ("en", "es", "de", "pl", "ru")
_MAX_REMEMBERED_WORDS = 100_000


@dataclass(frozen=True)
class PhraseMatch:
    phrase: str
    start: int
    end: int
    text: str


DEFAULT_GAP = 3
# A gap never spans the end of a sentence: "you … carelessness" must stay in one sentence.
_SENTENCE_BREAK = regex.compile(r"[.!?;…]|\n\s*\n")
_GAP = regex.compile(r"~(\d*)")
# An entry's "." stands for the end of a clause: punctuation, a line break or the end of the text.
# "пока ." is the Russian goodbye ("Пока!"), not the conjunction of "Пока мы ждём ответа".
CLAUSE_END = "."
_CLAUSE_END_AFTER = regex.compile(r"[^\S\n]*(?:[.!?…,;:)\n]|$)")

# An entry's leading "." stands for the start of a clause: the text's start, or punctuation, a dash, a
# list bullet or a line break before the word (spaces, quotes and brackets between them aside). A
# hyphen touching a word is inside it ("e-mail" is one word), so one before a word is a dash.
_CLAUSE_BREAK_BEFORE = frozenset(".!?…,;:\n–—-•·▪◦‣*")
_OPENING_MARKS = frozenset("\"'«„“‘([¡¿")


def _opens_clause(text: str, start: int) -> bool:
    """Does the word at ``start`` open a clause? (Looks back past spaces and opening marks only.)"""
    index = start - 1
    while index >= 0 and (text[index] in _OPENING_MARKS or (text[index].isspace() and text[index] != "\n")):
        index -= 1
    return index < 0 or text[index] in _CLAUSE_BREAK_BEFORE


# A compiled phrase: words ("culpa", "przeprasz*") and gaps (an int: at most that many words).
Pattern = tuple[Union[str, int], ...]


class PhraseMatcher:
    """Finds any of a list of phrases in text, word by word.

    Entry syntax (data in the lexicons, so rules generalise beyond fixed phrasings):
    ``word*`` matches any ending; ``~`` allows up to three intervening words and ``~N`` up to
    N ("la culpa es ~ suya" matches "la culpa es exclusivamente suya"), within one sentence;
    ``{tu culpa}`` lets the braced words come in any order ("no fue {culpa tuya}" also matches
    "no fue tuya culpa"); ``a|b`` is either word, so one entry states a structure — address,
    window, blame word: "your ~2 careless*|negligen*"; a final ``.`` means the phrase ends a
    clause ("пока ." is "Пока!", not "Пока мы ждём"), a leading ``.`` that it opens one
    (". виноваты перед вами" is the apology "Виноваты перед вами: …", not "Курьер виноват перед
    вами"). Each text is split into words once and
    shared between lexicons.

    The phrases share one trie: the hundreds of entries that begin "you …" or "we …" are
    walked together, one dictionary lookup per word, instead of one by one.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases: list[str] = []
        self._root = _Node()
        self._ends = 0
        # Per word, the trie's nodes after it as a first word: texts repeat their words and a
        # dozen rules read the same text, so each distinct word is looked up once (bounded below).
        self._starts: dict[str, tuple[_Node, ...]] = {}
        for phrase in phrases:
            patterns = compile_phrase(phrase)
            if not patterns:
                continue
            self.phrases.append(phrase)
            for tokens in patterns:
                self._add(phrase, tokens)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def _add(self, phrase: str, tokens: Pattern) -> None:
        node = self._root
        for token in tokens:
            node = node.child(token)
        node.ends.append(_End(phrase, sum(isinstance(t, str) for t in tokens), self._ends))
        self._ends += 1

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        """Non-overlapping matches, the phrase with most words first at each position."""
        spans = word_spans(text)
        remembered = self._starts  # most words start no phrase: one dict lookup each
        resume = 0  # the first word after the last match
        openers = self._root.clause_end  # patterns of entries that open a clause (". виноваты …")
        for index, (word, start, _) in enumerate(spans):
            if index < resume:
                continue
            firsts = remembered.get(word)
            if firsts is None:
                firsts = self._firsts(word)
            if openers is not None and _opens_clause(text, start):
                firsts = (*firsts, *openers.next_nodes(word))
            if not firsts:
                continue
            walk = _Walk(text, spans)
            for node in firsts:
                walk.visit(node, index)
            if walk.best is not None:
                end, last = walk.best
                stop = spans[last][2]
                yield PhraseMatch(end.phrase, start, stop, text[start:stop])
                resume = last + 1

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

    def _firsts(self, word: str) -> tuple[_Node, ...]:
        """The trie's nodes after ``word`` as a phrase's first word (exact form or a listed stem)."""
        if len(self._starts) >= _MAX_REMEMBERED_WORDS:
            self._starts.clear()
        found = self._starts[word] = tuple(self._root.next_nodes(word))
        return found


@dataclass(frozen=True)
class _End:
    """A pattern that ends at a trie node: its phrase, its size in words, its order in the lexicon."""

    phrase: str
    size: int
    order: int


class _Node:
    """A trie node: the edges a pattern may take next — a word, a stem, a gap, the end of a clause."""

    __slots__ = ("words", "stems", "stem_lengths", "gaps", "clause_end", "ends")

    def __init__(self) -> None:
        self.words: dict[str, _Node] = {}
        self.stems: dict[str, _Node] = {}
        self.stem_lengths: tuple[int, ...] = ()
        self.gaps: dict[int, _Node] = {}
        self.clause_end: _Node | None = None
        self.ends: list[_End] = []

    def child(self, token: str | int) -> _Node:
        if isinstance(token, int):
            return self.gaps.setdefault(token, _Node())
        if token == CLAUSE_END:
            if self.clause_end is None:
                self.clause_end = _Node()
            return self.clause_end
        if token.endswith("*"):
            stem = token[:-1]
            if len(stem) not in self.stem_lengths:
                self.stem_lengths = tuple(sorted({*self.stem_lengths, len(stem)}))
            return self.stems.setdefault(stem, _Node())
        return self.words.setdefault(token, _Node())

    def next_nodes(self, word: str) -> Iterator[_Node]:
        """The nodes ``word`` leads to: its exact form, then every listed stem it starts with."""
        exact = self.words.get(word)
        if exact is not None:
            yield exact
        for length in self.stem_lengths:
            if len(word) >= length:
                stem = self.stems.get(word[:length])
                if stem is not None:
                    yield stem


class _Walk:
    """One walk of the trie from one word: every pattern that matches there, the best kept.

    A pattern keeps its first match, gaps tried shortest first (as a lone pattern would be
    matched); the best is the pattern with most words, then the one reaching furthest, then
    the one listed first. Work is bounded by the lexicon: a gap tries at most N positions, so
    matching stays linear in the text.
    """

    def __init__(self, text: str, spans: Sequence[tuple[str, int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.best: tuple[_End, int] | None = None
        self._seen: set[int] = set()

    def visit(self, node: _Node, last: int) -> None:
        """Patterns through ``node``, whose last word so far is word ``last``."""
        for end in node.ends:
            if end.order not in self._seen:
                self._seen.add(end.order)
                self._offer(end, last)
        spans = self.spans
        if last + 1 < len(spans):
            self.step(node, last + 1)
        for size, gap in node.gaps.items():
            for position in range(last + 1, last + 2 + size):
                if position >= len(spans) or _breaks_between(self.text, spans, position - 1):
                    break
                self.step(gap, position)
        if node.clause_end is not None and _CLAUSE_END_AFTER.match(self.text, spans[last][2]):
            self.visit(node.clause_end, last)

    def step(self, node: _Node, position: int) -> None:
        """Patterns through ``node`` whose next word is word ``position``."""
        for following in node.next_nodes(self.spans[position][0]):
            self.visit(following, position)

    def _offer(self, end: _End, last: int) -> None:
        if self.best is None:
            self.best = (end, last)
            return
        best, best_last = self.best
        if (end.size, last, -end.order) > (best.size, best_last, -best.order):
            self.best = (end, last)


def _breaks_between(text: str, spans: Sequence[tuple[str, int, int]], index: int) -> bool:
    """Does a sentence end between word ``index`` and the next? (Most gaps are one space: no regex.)"""
    end, start = spans[index][2], spans[index + 1][1]
    if start - end == 1 and text[end] == " ":
        return False
    return _SENTENCE_BREAK.search(text, end, start) is not None


_GROUP = regex.compile(r"(\{[^{}()]*\}|\([^{}()]*\))")  # "{either order}" or "(several words|alternative)"


def compile_phrase(phrase: str) -> list[Pattern]:
    """Every word sequence a lexicon entry stands for (one per order of its ``{…}`` groups, per
    choice of its ``a|b`` words and per choice of its ``(a b|c d)`` word runs)."""
    pieces: list[list[list[str | int]]] = []  # each piece: alternatives, each a token list
    for chunk in _GROUP.split(phrase):
        if chunk.startswith("{") and chunk.endswith("}"):
            words = _word_tokens(chunk[1:-1])
            pieces.append([list(order) for order in permutations(words)] if words else [[]])
            continue
        if chunk.startswith("(") and chunk.endswith(")"):
            pieces.append([_word_tokens(choice) for choice in chunk[1:-1].split("|")])
            continue
        for part in chunk.split():
            gap = _GAP.fullmatch(part)
            if gap:
                pieces.append([[int(gap.group(1) or DEFAULT_GAP)]])
            elif part == CLAUSE_END:
                pieces.append([[CLAUSE_END]])
            else:
                pieces.append([_word_tokens(choice) for choice in part.split("|") if choice])
    patterns: list[Pattern] = []
    for combination in product(*pieces):
        tokens: list[str | int] = [t for alternative in combination for t in alternative]
        while tokens and isinstance(tokens[0], int):
            tokens.pop(0)
        while tokens and isinstance(tokens[-1], int):
            tokens.pop()
        if tokens and tuple(tokens) not in patterns:
            patterns.append(tuple(tokens))
    return patterns


def _word_tokens(text: str) -> list[str]:
    """The casefolded words of ``text``; a word written with a final ``*`` keeps it."""
    tokens: list[str] = []
    for part in text.split():
        words = [w for w, _, _ in word_spans(part)]
        if words and part.endswith("*"):
            words[-1] += "*"
        tokens.extend(words)
    return tokens


class Lexicons:
    """Loads lexicons lazily from one or more folders; later folders extend earlier ones."""

    def __init__(self, roots: Iterable[Path], use_cache: bool = True) -> None:
        self.roots = [Path(r) for r in roots]
        self.use_cache = use_cache  # --no-cache: models are read from their files
        self._raw: dict[tuple[str, str], list[str] | dict[str, str]] = {}
        self._matchers: dict[tuple[str, str | None], PhraseMatcher] = {}
        self._patterns: dict[tuple[str, str, bool], list[Any]] = {}
        self._names: set[str] | None = None
        self._models: dict[tuple[str, str], "LinearModel | None"] = {}

    def names(self) -> set[str]:
        """Every lexicon name under the roots (read once: named checks ask per message)."""
        if self._names is None:
            self._names = {p.stem for root in self.roots for p in root.glob("*/*.yaml")}
        return self._names

    def files(self, name: str, lang: str) -> list[Path]:
        """The files of one lexicon, shipped first, then the configured folders that extend it."""
        return [path for root in self.roots if (path := root / lang / f"{name}.yaml").is_file()]

    def entries(self, name: str, lang: str) -> list[str] | dict[str, str]:
        key = (name, lang)
        if key not in self._raw:
            merged: list[str] | dict[str, str] | None = None
            for path in self.files(name, lang):
                merged = _merge(merged, read_lexicon(path))
            self._raw[key] = merged if merged is not None else []
        return self._raw[key]

    def patterns(self, name: str, lang: str = "any", ignorecase: bool = True) -> list[Any]:
        """A pattern lexicon's RE2 patterns (the values of a mapping), compiled once per run.

        A pattern RE2 rejects is a RuleError naming the lexicon file and the entry, so the
        user edits the right file whichever rule first read it.
        """
        key = (name, lang, ignorecase)
        if key not in self._patterns:
            self._patterns[key] = [pattern for path in self.files(name, lang)
                                   for pattern in compile_lexicon_patterns(path, ignorecase)]
        return self._patterns[key]

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

    def model(self, name: str, lang: str | None) -> "LinearModel | None":
        """The trained model ``<lang>/<name>.model.json`` of the last root that has one, if any.

        A later root replaces the model rather than extending it: weights trained on one set of
        examples do not add up with another's.
        """
        if lang not in LANGUAGES:
            return None
        key = (name, lang)
        if key not in self._models:
            from mailgate.textmodel.linear import load_model

            paths = [root / lang / f"{name}.model.json" for root in self.roots]
            found = [path for path in paths if path.is_file()]
            self._models[key] = load_model(found[-1], self.use_cache) if found else None
        return self._models[key]

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


def _check_phrase_groups(path: Path, phrases: Iterable[str]) -> None:
    """A group that would silently match something else is an error: a ``{…}`` or ``(…)`` left open
    or nested, a gap or clause end inside one or among ``|`` choices, a ``|`` touching one. (A ")"
    after punctuation, as in the emoticon "buziaki :)", is no group.)"""
    for index, phrase in enumerate(phrases):
        problem = _group_problem(phrase)
        if problem:
            raise RuleError(f"'{phrase}': {problem}", path=str(path), field=f"entries[{index}]")


def _group_problem(phrase: str) -> str | None:
    if regex.match(r"\.\s+~", phrase):
        return "a leading '.' (the phrase opens a clause) must be followed by a word, not a gap"
    groups = [m.group() for m in _GROUP.finditer(phrase)]
    outside = _GROUP.sub(" ", phrase)
    if regex.search(r"[{}(]|(?<=[\w*])\)", outside):
        return "a '{…}' or '(…)' group is not closed, or holds another group"
    if any(_GAP.fullmatch(word) or word == CLAUSE_END for group in groups for word in group[1:-1].replace("|", " ").split()):
        return "a gap ('~') or clause end ('.') cannot stand inside a group; write the entry twice"
    choices = [word.split("|") for word in outside.split() if "|" in word]
    if any(_GAP.fullmatch(choice) or choice == CLAUSE_END for words in choices for choice in words):
        return "a gap ('~') or clause end ('.') cannot be one of the '|' choices; write the entry twice"
    if regex.search(r"\)\||\|\(", phrase):
        return "'|' chooses between single words; put every alternative inside the parentheses"
    return None


def compile_lexicon_patterns(path: Path, ignorecase: bool = True) -> list[Any]:
    """Every entry of one pattern lexicon file compiled with the engine's RE2 wrapper."""
    from mailgate.safe_regex import PatternError, compile_pattern

    if not is_pattern_lexicon(path):
        raise RuleError("this lexicon lists phrases; a field that wants patterns needs one with 'syntax: re2'",
                        path=str(path), field="syntax")
    entries = read_lexicon(path)
    labelled = entries.items() if isinstance(entries, dict) else enumerate(entries)
    compiled = []
    for label, pattern in labelled:
        try:
            compiled.append(compile_pattern(pattern, ignorecase))
        except PatternError as exc:
            raise RuleError(str(exc), path=str(path), field=f"entries[{label}]") from None
    return compiled


def is_pattern_lexicon(path: Path) -> bool:
    """Does the file declare ``syntax: re2`` (its entries are RE2 patterns, not phrases)?"""
    data = load_yaml_file(path)
    return isinstance(data, dict) and data.get("syntax") == "re2"


def read_lexicon(path: Path) -> list[str] | dict[str, str]:
    """A lexicon's entries; a language's phrases must not hold a group that would match something else."""
    data = load_yaml_file(path)
    entries = data.get("entries") if isinstance(data, dict) else None
    if isinstance(entries, list) and all(isinstance(e, str) for e in entries) or isinstance(entries, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        if path.parent.name in LANGUAGES:
            _check_phrase_groups(path, entries)
        return entries
    raise RuleError("a lexicon needs 'entries': a list of phrases or a mapping phrase → replacement",
                    path=str(path), field="entries")
