"""One way for every word-based kind to find what a rule lists: lexicons, tokens, patterns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from mailgate.errors import RuleError
from mailgate.lexicon import PhraseMatcher
from mailgate.safe_regex import PATTERN_LIST_SCHEMA, PatternError, compile_pattern

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.rules.model import Rule

FINDER_PROPERTIES: dict[str, Any] = {
    "lexicon": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
                "description": "Lexicon name(s) under rules/lexicons/<lang>/; the message's language picks the words."},
    "tokens": {"type": "array", "items": {"type": "string", "minLength": 1},
               "description": "Words or phrases, matched word by word; 'stem*' matches any ending."},
    "patterns": {**PATTERN_LIST_SCHEMA, "description": "RE2 regular expressions (linear time; use \\\\p{L} for letters)."},
    "ignorecase": {"type": "boolean", "default": True},
}


@dataclass(frozen=True)
class Found:
    text: str
    start: int
    end: int
    source: str


class Finder:
    """Compiled once per rule; finds lexicon phrases, inline tokens and RE2 patterns in text."""

    def __init__(self, rule: "Rule") -> None:
        options = rule.options
        lexicon = options.get("lexicon") or []
        self.lexicons: list[str] = [lexicon] if isinstance(lexicon, str) else list(lexicon)
        self.tokens = PhraseMatcher(options.get("tokens") or [])
        ignorecase = options.get("ignorecase", True)
        try:
            self.patterns = [compile_pattern(p, ignorecase) for p in options.get("patterns") or []]
        except PatternError as exc:
            raise RuleError(str(exc), path=rule.path, rule=rule.id, field="patterns") from None

    @property
    def empty(self) -> bool:
        return not (self.lexicons or self.tokens or self.patterns)

    def finditer(self, text: str, doc: "Document") -> Iterator[Found]:
        for name in self.lexicons:
            for match in doc.lexicons.matcher(name, doc.lang).finditer(text):
                yield Found(match.text, match.start, match.end, name)
        for match in self.tokens.finditer(text):
            yield Found(match.text, match.start, match.end, "tokens")
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    yield Found(match.group(), match.start(), match.end(), "patterns")

    def search(self, text: str, doc: "Document") -> Found | None:
        return next(self.finditer(text, doc), None)

