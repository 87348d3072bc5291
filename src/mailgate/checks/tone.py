"""Hostile tone: listed blaming phrases, and sentences a trained tone model scores as hostile.

The lexicon (``hostile``) names phrases for certain — "your fault", "Ihre Schuld", "ваша вина" —
minus reassurances that hold them ("it's not your fault", lexicon ``hostile_exceptions``).
Sarcasm, jabs and idioms come in endless wordings no list can hold, so each sentence of the
author's part is also scored by the language's model (``<lang>/hostile.model.json``, trained
on the labelled sentences in rules/models/hostile/); a score at or above ``model_threshold``
is a finding, and below ``model_block_threshold`` at most a warning: between the two thresholds
the model was right about four times in five on held-out mail (corpus_blind7–21), which is
worth a reviewer's look, not a stopped send. Both thresholds may differ per language.
A language without a model is checked with the lexicon alone.
"""

from __future__ import annotations

from typing import Iterator

import regex

from mailgate.checks.base import Hit, number_or_per_language, per_language
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.lexicon import PhraseMatcher
from mailgate.model import Severity
from mailgate.rules.model import Rule
from mailgate.text.tokens import words

DEFAULT_MAX_FINDINGS = 5
DEFAULT_MODEL_THRESHOLD = 0.70
DEFAULT_MODEL_BLOCK_THRESHOLD = 0.85
DEFAULT_MODEL_MIN_WORDS = 5
EXCERPT_CHARS = 100
LOCATE_CHARS = 40
# A short span in quotation marks names or quotes; it is not the author's word: the book „Idiota”,
# the customer's "you idiots". Marks are paired as typographers pair them, and a mark touching a
# letter or digit on its outer side is an apostrophe or an inch sign (can’t, ‘em, 27"), not a quote.
_QUOTED = regex.compile(
    r"(?<![\p{L}\p{N}])(?:“([^“”\n]{1,60})”|„([^„“”\n]{1,60})[“”]|«([^«»\n]{1,60})»|‚([^‚‘\n]{1,60})‘"
    r"|‘((?:[^‘’\n]|’(?=\p{L})){1,60})’|\"([^\"\n]{1,60})\")(?![\p{L}\p{N}])")


def check_hostile(doc: Document, rule: Rule) -> Iterator[Hit]:
    limit = rule.options.get("max_findings", DEFAULT_MAX_FINDINGS)
    listed = list(_listed_phrases(doc, rule))
    found = listed[:limit]
    if len(found) < limit:
        found.extend(_scored_sentences(doc, rule, [hit.values["match"] for hit in listed], limit - len(found)))
    yield from sorted(found, key=lambda hit: (hit.line or 0, hit.column or 0))


def _exceptions(doc: Document, rule: Rule) -> PhraseMatcher:
    return doc.lexicons.matcher(rule.options.get("exceptions", "hostile_exceptions"), doc.lang)


def _listed_phrases(doc: Document, rule: Rule) -> Iterator[Hit]:
    """Listed phrases of the author's part, except inside a short quotation (a title, a quoted word)."""
    hostile = doc.lexicons.matcher(rule.options.get("lexicon", "hostile"), doc.lang)
    text = doc.body_text
    quoted: list[tuple[int, int]] | None = None  # found once, and only when a phrase is: most mail has none
    for match in hostile.finditer_outside(text, _exceptions(doc, rule)):
        if quoted is None:
            quoted = [found.span(found.lastindex or 0) for found in _QUOTED.finditer(text)]
        if any(start <= match.start and match.end <= end for start, end in quoted):
            continue
        line, column = doc.locate(match.text)
        yield Hit(line, column, {"match": match.text, "evidence": "listed phrase"})


def _scored_sentences(doc: Document, rule: Rule, listed: list[str], limit: int) -> Iterator[Hit]:
    """Sentences the model scores as hostile, except those a listed phrase already reported.

    A high score is not reported for a sentence holding a reassurance from the exceptions
    lexicon (bag-of-words features barely see a negation: "das ist wirklich nicht Ihre Schuld"
    reads as blame), nor for one shorter than ``model_min_words`` (a button label or "Panie
    Michale," gives the model too little to go on; short blunt blame is the lexicon's). Those
    checks run only on high scores, which are rare: scoring is the cheap step.
    """
    model = doc.lexicons.model(rule.options.get("model", "hostile"), doc.lang)
    if model is None:
        return
    threshold = per_language(rule.options.get("model_threshold"), doc.lang, DEFAULT_MODEL_THRESHOLD)
    sure = per_language(rule.options.get("model_block_threshold"), doc.lang, DEFAULT_MODEL_BLOCK_THRESHOLD)
    min_words = rule.options.get("model_min_words", DEFAULT_MODEL_MIN_WORDS)
    exceptions = _exceptions(doc, rule)
    for sentence in doc.sentences:
        if limit <= 0:
            return
        score = model.score(sentence)
        if score < threshold or len(words(sentence)) < min_words or any(phrase in sentence for phrase in listed):
            continue
        if next(exceptions.finditer(sentence), None) is None:
            line, column = doc.locate(sentence.split("\n")[0][:LOCATE_CHARS])
            yield Hit(line, column, {"match": _excerpt(sentence), "evidence": f"tone model {score:.2f}"},
                      None if score >= sure else Severity.WARN)
            limit -= 1


def _excerpt(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS - 1].rstrip() + "…"


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck(
        "hostile", check_hostile,
        {"lexicon": {"type": "string"}, "exceptions": {"type": "string"}, "model": {"type": "string"},
         "model_threshold": number_or_per_language(minimum=0, maximum=1),
         "model_block_threshold": number_or_per_language(minimum=0, maximum=1),
         "model_min_words": {"type": "integer", "minimum": 1},
         "max_findings": {"type": "integer", "minimum": 1}},
        "Blaming or insulting phrases of a lexicon (minus exception phrases), and sentences the language's "
        "trained tone model scores at or above model_threshold; below model_block_threshold such a "
        "finding is at most a warning. Both thresholds are a number or a mapping per language "
        "({en: 0.65, default: 0.70}).",
    )]
