"""The sender's postal address in a campaign's footer (CAN-SPAM asks for a valid physical address).

A postal address is recognised, not guessed from one word: a postcode with its city in one
of the countries' formats (rules/lexicons/any/postal_codes.yaml), and near it a street word
with a house number ("12 Orchard Lane", "Lindenallee 4", "ul. Marszałkowska 10/12",
"ул. Тверская, д. 7", "C/ Mayor, 5") or a post-office box (street_markers lexicons).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

import regex

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck, lexicon_option
from mailgate.hookspecs import hookimpl
from mailgate.lexicon import LANGUAGES

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.rules.model import Rule

_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z]\b)?(?:\s?[/-]\s?\d{1,5}[a-zA-Z]?)?"
WINDOW_BEFORE = 160
WINDOW_AFTER = 120
FOOTER_MAX_CHARS = 5000  # a footer is a few lines; one endless line must not be searched whole


def marker_pattern(entry: str) -> str:
    """``*straße`` → any word ending in straße; ``ul.`` → the abbreviation; ``po box`` → the words."""
    prefix = r"\p{L}*" if entry.startswith("*") else ""
    suffix = r"\p{L}*" if entry.endswith("*") else ""
    core = r"\s+".join(regex.escape(word) for word in entry.strip("*").split())
    after = "" if core.endswith(("\\.", "/")) else r"(?![\p{L}])"
    return rf"(?<![\p{{L}}]){prefix}{core}{suffix}{after}"


@lru_cache(maxsize=16)
def street_regex(markers: tuple[str, ...]) -> Any:
    """A street word then a house number, or (English, French) the number first."""
    words = "|".join(marker_pattern(m) for m in sorted(markers, key=len, reverse=True))
    return regex.compile(rf"(?:{words})[^\n\d]{{0,40}}?{_HOUSE_NUMBER}|(?<![\d]){_HOUSE_NUMBER}[ ,]{{1,3}}"
                         rf"(?:(?-i:\p{{Lu}})[\p{{L}}'’-]*\s+){{0,3}}(?:{words})", regex.IGNORECASE)


def footer(doc: "Document", lines: int) -> str:
    visible = [line for line in doc.text[-FOOTER_MAX_CHARS * 4:].split("\n") if line.strip()]
    return "\n".join(visible[-lines:])[-FOOTER_MAX_CHARS:]


def find_address(text: str, postcodes: list[Any], streets: Any) -> str | None:
    """The first postcode-and-city with a street and number (or PO box) close to it."""
    for pattern in postcodes:
        for match in pattern.finditer(text):
            window = text[max(0, match.start() - WINDOW_BEFORE): match.end() + WINDOW_AFTER]
            street = streets.search(window)
            if street:
                return " ".join(window.split())
    return None


def postal_address(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    options = rule.options
    lexicons = doc.lexicons
    postcodes = lexicons.patterns(lexicon_option(doc, rule, "postcodes"), "any", ignorecase=False)
    markers = tuple(m for lang in LANGUAGES for m in lexicons.entries(lexicon_option(doc, rule, "streets"), lang))
    text = footer(doc, options.get("footer_lines", 20))
    if not find_address(text, postcodes, street_regex(markers)):
        yield Hit(None, None, {"lines": options.get("footer_lines", 20)})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck("postal_address", postal_address,
                       {"postcodes": {"type": "string", "description": "Postcode formats: a mapping under lexicons/any/."},
                        "streets": {"type": "string", "description": "Street words: a lexicon per language."},
                        "footer_lines": {"type": "integer", "minimum": 1,
                                         "description": "How many last lines of visible text are the footer."}},
                       "A postal address (street and number, postcode and city) in the footer.")]
