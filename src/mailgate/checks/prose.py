"""Named checks on the author's prose: body length per message kind, sentence length.

Both read the author's part only (no quoted history, no signature): a reply is not long
because it quotes a long complaint.
"""

from __future__ import annotations

import re
from typing import Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.templating import TEMPLATE_TAG, blank_template_tags
from mailgate.text.tokens import words


def check_body_length(doc: Document, rule: Rule) -> Iterator[Hit]:
    """Too long to read (``max_words`` per kind) or too thin to be worth sending (``min_words``)."""
    # Template tags are no words: "{{ first_name | default('there') }}" must not pad a thin campaign.
    count = len(words(blank_template_tags(doc.body_text))) if TEMPLATE_TAG.search(doc.body_text) else len(doc.words)
    high = rule.options.get("max_words", {}).get(doc.kind)
    low = rule.options.get("min_words", {}).get(doc.kind)
    if high is not None and count > high:
        yield Hit(None, None, {"actual": count, "problem": f"{count} words; at most {high} read well in a {doc.kind}"})
    elif low is not None and count < low:
        yield Hit(None, None, {"actual": count, "problem": f"only {count} words; a {doc.kind} needs at least {low}"})


# A list item inside a "sentence": the text view joins "we need:\n- the invoice\n- a photo" into one run.
_LIST_ITEM = re.compile(r"\s(?:[-•*▪–]|\d{1,2}[.)])\s+(?=\w)")


def check_sentence_length(doc: Document, rule: Rule) -> Iterator[Hit]:
    sentences = [piece for sentence in doc.sentences for piece in _LIST_ITEM.split(sentence) if piece.strip()]
    if not sentences:
        return
    lengths = [len(words(s)) for s in sentences]
    max_average = rule.options.get("max_average", 20)
    max_sentence = rule.options.get("max_sentence", 35)
    min_sentences = rule.options.get("min_sentences_for_average", 3)
    average = sum(lengths) / len(lengths)
    if len(lengths) >= min_sentences and average > max_average:
        yield Hit(None, None, {"problem": f"sentences average {average:.0f} words (at most {max_average})"})
    reported = 0
    for sentence, length in zip(sentences, lengths):
        if length > max_sentence and reported < rule.options.get("max_findings", 5):
            reported += 1
            line, column = _locate_start(doc, sentence)
            yield Hit(line, column, {"problem": f"a sentence of {length} words (at most {max_sentence}): "
                                                f"\"{' '.join(sentence.split()[:8])} …\""})


def _locate_start(doc: Document, sentence: str) -> tuple[int | None, int | None]:
    """Where a sentence starts; its first words may be broken over lines in the source."""
    first = sentence.split()
    for count in (4, 2, 1):
        found = doc.locate(" ".join(first[:count]))
        if found[0] is not None:
            return found
    return None, None


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    per_kind = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
                "propertyNames": {"enum": ["campaign", "transactional", "reply", "autoreply", "page"]}}
    count = {"type": "integer", "minimum": 1}
    return [
        NamedCheck("body_length", check_body_length, {"max_words": per_kind, "min_words": per_kind},
                   "Words of the author's part against a maximum or minimum per message kind."),
        NamedCheck("sentence_length", check_sentence_length,
                   {"max_average": {"type": "number", "minimum": 1}, "max_sentence": count,
                    "min_sentences_for_average": count, "max_findings": count},
                   "Average sentence length and the longest sentences of the author's part."),
    ]
