"""Named checks for shouting: words in capitals and runs of exclamation marks.

Capitals are judged per word with Unicode case (Cyrillic, Polish and German capitals
count). Short acronyms (EU, DHL, PDF, ООО) and listed ones are not shouting.
"""

from __future__ import annotations

from typing import Any, Iterator

import regex

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.templating import blank_template_tags
from mailgate.text.tokens import WORD

_EXCLAMATIONS = regex.compile(r"!{2,}")


def shouted_words(text: str, min_letters: int, acronyms: frozenset[str]) -> list[str]:
    """Words written all in capitals, longer than an acronym and not a listed acronym."""
    found = []
    for word in WORD.findall(text):
        # str.isupper: every cased character is a capital (digits and hyphens allowed), at least one.
        if word.isupper() and sum(ch.isalpha() for ch in word) >= min_letters and word.casefold() not in acronyms:
            found.append(word)
    return found


def _acronyms(doc: Document, rule: Rule) -> frozenset[str]:
    name = rule.options.get("acronyms")
    return frozenset(str(a).casefold() for a in doc.lexicons.entries(name, "any")) if name else frozenset()


def check_subject_shouting(doc: Document, rule: Rule) -> Iterator[Hit]:
    subject = blank_template_tags(doc.field("subject"))
    problems = []
    letters = [ch for ch in subject if ch.isalpha()]
    if len(letters) >= rule.options.get("min_letters", 6):
        capitals = sum(1 for ch in letters if ch.isupper()) / len(letters)
        if capitals > rule.options.get("max_capitals_ratio", 0.7):
            problems.append(f"{round(capitals * 100)}% capital letters")
    exclamations = subject.count("!")  # Spanish "¡…!" is one exclamation: its opening "¡" is not counted
    if exclamations > rule.options.get("max_exclamations", 1):
        problems.append(f"{exclamations} exclamation marks")
    if problems:
        yield Hit(doc.field_line("subject"), 1, {"problem": " and ".join(problems)})


def check_shouting(doc: Document, rule: Rule) -> Iterator[Hit]:
    options: dict[str, Any] = rule.options
    text = doc.body_text
    loud = shouted_words(blank_template_tags(text), options.get("min_letters", 4), _acronyms(doc, rule))
    if len(loud) > options.get("max_capital_words", 1):
        line, column = doc.locate(loud[0])
        shown = ", ".join(dict.fromkeys(loud[:5]))
        yield Hit(line, column, {"problem": f"{len(loud)} words in capitals ({shown})"})
    run_limit = options.get("max_exclamation_run", 1)
    runs = [m for m in _EXCLAMATIONS.finditer(text) if len(m.group()) > run_limit]
    if runs:
        times = f" ({len(runs)} times)" if len(runs) > 1 else ""
        yield Hit(*_locate_in_context(doc, text, runs[0].start(), runs[0].end()), {"problem": f'"{runs[0].group()}"{times}'})


def _locate_in_context(doc: Document, text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """Locate a match by the words before it: the first '!!!' of the text may not be the first of the source."""
    line_start = text.rfind("\n", 0, start) + 1
    context = text[max(line_start, start - 30):end].lstrip()
    line, column = doc.locate(context)
    if column is not None:
        column += len(context) - (end - start)
    return line, column


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    ratio = {"type": "number", "minimum": 0, "maximum": 1}
    count = {"type": "integer", "minimum": 0}
    return [
        NamedCheck("subject_shouting", check_subject_shouting,
                   {"max_capitals_ratio": ratio, "min_letters": count, "max_exclamations": count},
                   "A subject in capitals, or with more than max_exclamations exclamation marks."),
        NamedCheck("shouting", check_shouting,
                   {"min_letters": count, "max_capital_words": count, "max_exclamation_run": count,
                    "acronyms": {"type": "string"}},
                   "Words in capitals and runs of exclamation marks in the author's text."),
    ]
