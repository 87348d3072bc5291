"""Politeness register: does the address (greeting, pronouns) match the register the brand chose?

The Polish source allows informal address for young audiences when the brand chose it, so the
expected register is configuration (``register: formal|informal|any``, or per language with an
optional ``default``), and the words that mark each register are lexicons
(``register_formal``, ``register_informal``). With ``any`` — the default — nothing is checked.
"""

from __future__ import annotations

from typing import Any, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.lexicon import PhraseMatch
from mailgate.rules.model import Rule

REGISTERS = ("formal", "informal")
_SENTENCE_END = ".!?…:\n"


def expected_register(settings: dict[str, Any], lang: str | None) -> str:
    """The configured register for ``lang``: a plain value, or a per-language mapping."""
    value = settings.get("register", "any")
    if isinstance(value, dict):
        value = value.get(lang or "", value.get("default", "any"))
    return value if value in REGISTERS else "any"


def register_markers(doc: Document, lexicon: str) -> Iterator[PhraseMatch]:
    """Words of ``lexicon`` in the greeting and the author's part.

    An entry written with a capital ("Sie", "Ihnen") is a polite pronoun only when it is
    capitalised in the text and does not open a sentence: lower-case "sie"/"ihr" mean
    she/they/her, and a sentence-initial "Sie" may be either.
    """
    text = doc.body_text
    for match in doc.lexicons.matcher(lexicon, doc.lang).finditer(text):
        if match.phrase[:1].isupper() and not (match.text[:1].isupper() and not _opens_sentence(text, match.start)):
            continue
        yield match


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'«„“(")
    return not before or before[-1] in _SENTENCE_END


def check_register(doc: Document, rule: Rule) -> Iterator[Hit]:
    expected = expected_register(doc.settings, doc.lang)
    if expected == "any":
        return
    other = "informal" if expected == "formal" else "formal"
    lexicon = rule.options.get(f"{other}_lexicon", f"register_{other}")
    match = next(register_markers(doc, lexicon), None)
    if match is None:
        return
    line, column = doc.locate(match.text)
    yield Hit(line, column, {"match": match.text, "expected": expected, "found": other, "lang": doc.lang or "?"})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck(
        "register", check_register,
        {"formal_lexicon": {"type": "string"}, "informal_lexicon": {"type": "string"}},
        "Address words of the other politeness register than the configured `register` (formal/informal).",
    )]
