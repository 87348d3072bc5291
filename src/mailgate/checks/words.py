"""Word-list kinds (Vale's): existence, required, substitution, occurrence."""

from __future__ import annotations

from typing import Any, Iterator

from mailgate.checks.base import Check, CheckKind, CompileContext, Hit, TargetText
from mailgate.checks.finder import FINDER_PROPERTIES, Finder
from mailgate.document import Document
from mailgate.errors import RuleError
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule

MAX_HITS_PER_RULE = 20


def _hit(doc: Document, target: TargetText, found_text: str, **values: Any) -> Hit:
    line, column = doc.locate(found_text, target.line)
    return Hit(line, column, {"match": found_text, **values})


def _finder(rule: Rule) -> Finder:
    finder = Finder(rule)
    if finder.empty:
        raise RuleError("needs at least one of lexicon, tokens or patterns", path=rule.path, rule=rule.id,
                        field="lexicon")
    return finder


def compile_existence(rule: Rule, ctx: CompileContext) -> Check:
    """Each listed word or pattern found in the target is a finding."""
    finder, read = _finder(rule), ctx.target(rule.target or "text")
    limit = rule.options.get("max_findings", MAX_HITS_PER_RULE)

    def check(doc: Document) -> Iterator[Hit]:
        count = 0
        for target in read(doc):
            for found in finder.finditer(target.text, doc):
                yield _hit(doc, target, found.text)
                count += 1
                if count >= limit:
                    return

    return check


def compile_required(rule: Rule, ctx: CompileContext) -> Check:
    """At least one listed word or pattern must appear in the target."""
    finder, read = _finder(rule), ctx.target(rule.target or "text")

    def check(doc: Document) -> Iterator[Hit]:
        targets = read(doc)
        if any(finder.search(t.text, doc) for t in targets):
            return
        first = targets[0] if targets else TargetText("")
        yield Hit(first.line, first.column, {"target": rule.target, "text": first.text[:80]})

    return check


def compile_substitution(rule: Rule, ctx: CompileContext) -> Check:
    """A word with a plainer replacement: the finding names both."""
    from mailgate.lexicon import PhraseMatcher

    read = ctx.target(rule.target or "text")
    inline: dict[str, str] = rule.options.get("swap") or {}
    lexicon = rule.options.get("lexicon")
    matchers: dict[str | None, tuple[PhraseMatcher, dict[str, str]]] = {}

    def matcher_for(doc: Document) -> tuple[PhraseMatcher, dict[str, str]]:
        if doc.lang not in matchers:
            swaps = {**(doc.lexicons.mapping(lexicon, doc.lang) if lexicon else {}), **inline}
            phrase_by_key = {_key(p): r for p, r in swaps.items()}
            matchers[doc.lang] = (PhraseMatcher(swaps), phrase_by_key)
        return matchers[doc.lang]

    def check(doc: Document) -> Iterator[Hit]:
        matcher, replacements = matcher_for(doc)
        for target in read(doc):
            for count, match in enumerate(matcher.finditer(target.text)):
                if count >= MAX_HITS_PER_RULE:
                    return
                yield _hit(doc, target, match.text, replacement=replacements.get(_key(match.phrase), ""))

    return check


def _key(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


def compile_occurrence(rule: Rule, ctx: CompileContext) -> Check:
    """How often listed words or patterns occur in the target, against min/max."""
    finder, read = _finder(rule), ctx.target(rule.target or "text")
    low, high = rule.options.get("min"), rule.options.get("max")

    def check(doc: Document) -> Iterator[Hit]:
        for target in read(doc):
            found = list(finder.finditer(target.text, doc))
            count = len(found)
            if (high is not None and count > high) or (low is not None and count < low):
                anchor = found[high].text if high is not None and count > high else ""
                line, column = doc.locate(anchor, target.line) if anchor else (target.line, target.column)
                yield Hit(line, column, {"count": count, "max": high, "min": low})

    return check


_BOUND = {"type": "integer", "minimum": 0}


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    limit = {"max_findings": {"type": "integer", "minimum": 1}}
    return [
        CheckKind("existence", compile_existence, {**FINDER_PROPERTIES, **limit},
                  description="Listed words or patterns must not appear."),
        CheckKind("required", compile_required, dict(FINDER_PROPERTIES),
                  description="At least one listed word or pattern must appear."),
        CheckKind("substitution", compile_substitution,
                  {"lexicon": {"type": "string"}, "swap": {"type": "object", "additionalProperties": {"type": "string"}},
                   "ignorecase": {"type": "boolean"}},
                  description="A word and the plain word to use instead."),
        CheckKind("occurrence", compile_occurrence, {**FINDER_PROPERTIES, "min": _BOUND, "max": _BOUND},
                  description="Count of listed words or patterns within bounds."),
    ]
