"""How much of a transactional mail is promotion.

Routine mails (shipping confirmations, event notices) are read closely, so some
promotion in them is fine (Spanish source, norm 8); when promotion outweighs the
transaction, the mail is marketing and needs marketing consent. Measured as the share of
sentences that carry a promotional word (lexicon ``promo_words``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.hookspecs import hookimpl
from mailgate.text.tokens import sentences, words

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.rules.model import Rule


def text_units(text: str, min_words: int) -> list[str]:
    """Sentences, never spanning lines (HTML blocks and table cells end a unit)."""
    return [s for line in text.split("\n") for s in sentences(line) if len(words(s)) >= min_words]


def promotion_share(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    options = rule.options
    promo = doc.lexicons.matcher(options["lexicon"], doc.lang)
    units = text_units(doc.text, options.get("min_words", 3))
    promotional = [unit for unit in units if promo.search(unit)]
    if not units or len(promotional) < options.get("min_promo_sentences", 2):
        return
    share = len(promotional) / len(units)
    if share > options["max_share"]:
        line, column = doc.locate(promotional[0][:60])
        yield Hit(line, column, {"promo": len(promotional), "total": len(units), "share": f"{share:.0%}",
                                 "max_share": f"{options['max_share']:.0%}"})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck("promotion_share", promotion_share,
                       {"lexicon": {"type": "string"},
                        "max_share": {"type": "number", "minimum": 0, "maximum": 1,
                                      "description": "Largest share of promotional sentences a transactional mail may have."},
                        "min_promo_sentences": {"type": "integer", "minimum": 1},
                        "min_words": {"type": "integer", "minimum": 1,
                                      "description": "Shorter pieces (buttons, labels) are not counted as sentences."}},
                       "Share of promotional sentences in a mail.")]
