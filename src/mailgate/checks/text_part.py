"""A sent HTML mail needs a real text/plain alternative.

Filters score HTML-only mail up (SpamAssassin MIME_HTML_ONLY), text-only readers and
some assistive tools see nothing, and a stub text part ("view this mail in a browser")
is scored like a missing one (MPART_ALT_DIFF).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.hookspecs import hookimpl
from mailgate.text.tokens import words

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.rules.model import Rule


def text_alternative(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    message = doc.message
    if message.html is None:
        return
    if not message.has_text_part:
        yield Hit(None, None, {"problem": "the HTML has no text/plain alternative"})
        return
    html_words = len(words(doc.text))
    plain_words = len(words(message.plain or ""))
    share = rule.options.get("min_word_share", 0.3)
    if html_words and plain_words < share * html_words:
        yield Hit(None, None, {"problem": f"the text/plain part has {plain_words} words against {html_words} in the "
                                          f"HTML (less than {share:.0%}): a stub, not an alternative"})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck("text_alternative", text_alternative,
                       {"min_word_share": {"type": "number", "minimum": 0, "maximum": 1,
                                           "description": "Words of the text part as a share of the HTML's words."}},
                       "An HTML mail with a missing or stub text/plain alternative.")]
