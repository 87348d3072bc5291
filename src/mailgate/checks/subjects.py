"""Named checks on what an inbox shows before the message is opened: the subject and preheader.

Reply and forward prefixes differ per mail client and language (RE, AW, Odp, Ответ …);
they are data in the ``subject_prefixes`` lexicons. A subject's language often differs
from the body's (an English "Re:" on a Polish reply), so every language's prefixes count.
"""

from __future__ import annotations

from typing import Iterator

import regex

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.lexicon import LANGUAGES, Lexicons
from mailgate.rules.model import Rule
from mailgate.text.tokens import word_spans

# "Re:", "RE[2]:", "Re^3:", "Fwd :", "Odp.:"; tags a mail system puts before them ("[EXTERNAL] RE:") are skipped.
_PREFIX = regex.compile(r"\s*(?:\[[^\]\n]{1,30}\]\s*)*(\p{L}{1,12})\.?\s*(?:\[\d+\]|\^\d+|\(\d+\))?\s*[:：]\s*")
_NUMBERISH = regex.compile(r"^[\p{N}#№ºª./\-]+$")


def subject_prefixes(lexicons: Lexicons) -> frozenset[str]:
    """Every language's reply and forward prefixes, case-folded."""
    return frozenset(str(p).casefold() for lang in LANGUAGES for p in lexicons.entries("subject_prefixes", lang))


def split_prefixes(subject: str, prefixes: frozenset[str]) -> tuple[list[str], str]:
    """The leading reply/forward prefixes as written, and the subject that follows them."""
    found: list[str] = []
    position = 0
    while True:
        match = _PREFIX.match(subject, position)
        if match is None or match.group(1).casefold() not in prefixes:
            return found, subject[position:].strip()
        found.append(match.group(1))
        position = match.end()


def _subject(doc: Document) -> str:
    return " ".join(doc.field("subject").split())


def _line(doc: Document) -> int | None:
    return doc.field_line("subject")


def check_generic(doc: Document, rule: Rule) -> Iterator[Hit]:
    """Every word of the subject (after any Re:/Fwd:) is a generic word or a number."""
    _, rest = split_prefixes(_subject(doc), subject_prefixes(doc.lexicons))
    tokens = word_spans(rest)
    if not tokens:
        return
    covered = [False] * len(rest)
    for match in doc.lexicons.matcher(rule.options.get("lexicon", "generic_subjects"), None).finditer(rest):
        covered[match.start:match.end] = [True] * (match.end - match.start)
    for word, start, end in tokens:
        if not all(covered[start:end]) and not _NUMBERISH.match(word):
            return
    yield Hit(_line(doc), 1, {"subject": rest})


def check_reply_chain(doc: Document, rule: Rule) -> Iterator[Hit]:
    found, _ = split_prefixes(_subject(doc), subject_prefixes(doc.lexicons))
    if len(found) > rule.options.get("max_prefixes", 1):
        yield Hit(_line(doc), 1, {"prefixes": ": ".join(found) + ":", "count": len(found)})


def check_fake_reply(doc: Document, rule: Rule) -> Iterator[Hit]:
    found, _ = split_prefixes(_subject(doc), subject_prefixes(doc.lexicons))
    if found:
        yield Hit(_line(doc), 1, {"prefix": found[0] + ":"})


def check_preheader(doc: Document, rule: Rule) -> Iterator[Hit]:
    """An HTML message without preview text; a plain-text one previews its own first line."""
    if doc.message.html is not None and len(doc.preheader.strip()) < rule.options.get("min_chars", 1):
        yield Hit(doc.field_line("preheader"), None, {})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [
        NamedCheck("subject_generic", check_generic, {"lexicon": {"type": "string"}},
                   "The subject holds only generic words (and numbers)."),
        NamedCheck("subject_reply_chain", check_reply_chain, {"max_prefixes": {"type": "integer", "minimum": 0}},
                   "More reply/forward prefixes than max_prefixes at the start of the subject."),
        NamedCheck("subject_fake_reply", check_fake_reply, {},
                   "The subject starts with a reply or forward prefix."),
        NamedCheck("preheader_missing", check_preheader, {"min_chars": {"type": "integer", "minimum": 1}},
                   "An HTML message whose preheader (preview text) is missing or shorter than min_chars."),
    ]
