"""Hostile tone: blaming and insulting words, except where the sentence says the opposite.

"It's not your fault", "das ist nicht Ihre Schuld", "no es culpa suya", "to nie Pani wina",
"это не ваша вина" reassure the customer; a plain existence check would flag them as flaming.
Exceptions are a lexicon too (``hostile_exceptions``): a hostile phrase inside one is skipped.
"""

from __future__ import annotations

from typing import Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule

DEFAULT_MAX_FINDINGS = 5


def check_hostile(doc: Document, rule: Rule) -> Iterator[Hit]:
    exceptions = doc.lexicons.matcher(rule.options.get("exceptions", "hostile_exceptions"), doc.lang)
    found = 0
    hostile = doc.lexicons.matcher(rule.options.get("lexicon", "hostile"), doc.lang)
    for match in hostile.finditer_outside(doc.body_text, exceptions):
        line, column = doc.locate(match.text)
        yield Hit(line, column, {"match": match.text})
        found += 1
        if found >= rule.options.get("max_findings", DEFAULT_MAX_FINDINGS):
            return


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck(
        "hostile", check_hostile,
        {"lexicon": {"type": "string"}, "exceptions": {"type": "string"},
         "max_findings": {"type": "integer", "minimum": 1}},
        "Blaming or insulting phrases of a lexicon in the author's part, minus those inside an exception phrase.",
    )]
