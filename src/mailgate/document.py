"""A loaded message as the rules read it: every derived view computed once and shared.

The HTML is parsed once, the visible text extracted once, the signature found once;
fifty rules reading ``doc.text`` cost one extraction (DESIGN: parse each message once).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from mailgate.message import Message
from mailgate.templating import strip_text_comments
from mailgate.text.locate import Locator
from mailgate.text.tokens import sentences, words

if TYPE_CHECKING:
    from datetime import datetime

    from mailgate.business_time import BusinessCalendar
    from mailgate.lexicon import Lexicons
    from mailgate.text.html import HtmlView, Image, Link
    from mailgate.text.link_context import LinkContexts
    from mailgate.text.reply import Parts, Signature


class Document:
    """Message + resolved kind and language + lexicons, with lazily computed views."""

    def __init__(self, message: Message, lexicons: "Lexicons", *, kind: str, kind_reason: str,
                 lang: str | None = None, lang_reason: str = "", settings: dict[str, Any] | None = None,
                 manifest: dict[str, Any] | None = None) -> None:
        self.message = message
        self.lexicons = lexicons
        self.kind = kind
        self.kind_reason = kind_reason
        self.lang = lang
        self.lang_reason = lang_reason
        self.settings = settings or {}
        self.manifest = manifest  # the campaign.yaml fields when the gate checks a campaign's template

    # -- raw access -----------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self.message.path

    def field(self, name: str) -> str:
        return self.message.field_text(name)

    def field_line(self, name: str) -> int | None:
        return self.message.field_lines.get(name)

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.message.source)

    def locate(self, snippet: str, default_line: int | None = None) -> tuple[int | None, int | None]:
        # From the target's own line (a subject in front matter), else the body: headers and front matter last.
        found = self.locator.find(snippet, default_line or self.message.body_line)
        if found is None:
            found = self.locator.find(snippet)
        return found if found is not None else (default_line, None)

    # -- HTML -----------------------------------------------------------------------------
    @cached_property
    def html_tree(self) -> Any:
        """The lxml tree of the HTML part (None without HTML)."""
        if self.message.html is None:
            return None
        from mailgate.text.html import parse_html

        return parse_html(self.message.html, self.message.defects)

    @cached_property
    def soup(self) -> Any:
        """BeautifulSoup (lxml parser) for plugins that prefer its API; built only when asked for."""
        if self.message.html is None:
            return None
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.message.html, "lxml")

    @cached_property
    def html_view(self) -> "HtmlView | None":
        if self.message.html is None:
            return None
        from mailgate.text.html import build_view, relocate

        view = build_view(self.html_tree)
        return relocate(view, self.message.html_source_line) if self.message.html_shifted else view

    @property
    def links(self) -> "list[Link]":
        if self.html_view is not None:
            return self.html_view.links
        return self._text_links

    @cached_property
    def _text_links(self) -> "list[Link]":
        from mailgate.text.plain_links import find_links

        return find_links(self.text, self)

    @cached_property
    def link_contexts(self) -> "LinkContexts":
        """The sentence around each link, read once for every rule that asks."""
        from mailgate.text.link_context import LinkContexts

        return LinkContexts(self)

    @property
    def images(self) -> "list[Image]":
        return self.html_view.images if self.html_view is not None else []

    # -- text -----------------------------------------------------------------------------
    @cached_property
    def text(self) -> str:
        """What the reader sees: visible HTML text, else the plain text without template comments."""
        if self.html_view is not None:
            return self.html_view.visible_text
        return strip_text_comments(self.message.plain or "").strip()

    @cached_property
    def preheader(self) -> str:
        explicit = self.message.fields.get("preheader")
        if explicit:
            return str(explicit)
        return self.html_view.hidden_text.split("\n")[0].strip() if self.html_view is not None else ""

    @cached_property
    def parts(self) -> "Parts":
        from mailgate.text.reply import split_parts

        return split_parts(self.text, self.lexicons.matcher("quote_attribution", None),
                           self.lexicons.matcher("closings", self.lang))

    @property
    def signature(self) -> "Signature | None":
        return self.parts.signature

    @cached_property
    def body_text(self) -> str:
        """The author's words: no quoted history, no signature."""
        return self.parts.body_text

    @cached_property
    def greeting(self) -> str:
        return self.parts.greeting(self.lexicons.matcher("greetings", self.lang))

    @property
    def closing(self) -> str:
        return self.parts.closing(self.lexicons.matcher("closings", self.lang))

    @cached_property
    def sentences(self) -> list[str]:
        return sentences(self.body_text, self._abbreviations("abbreviations"),
                         self._abbreviations("sentence_final_abbreviations"))

    def _abbreviations(self, lexicon: str) -> frozenset[str]:
        """A lexicon of abbreviations as the sentence splitter compares them: casefolded, no final dot."""
        return frozenset(a.rstrip(".").casefold() for a in self.lexicons.matcher(lexicon, self.lang).phrases)

    @cached_property
    def words(self) -> list[str]:
        return words(self.body_text)

    # -- reply context (the customer's message, when it was written, when the reply was) ---
    @cached_property
    def calendar(self) -> "BusinessCalendar":
        from mailgate.business_time import calendar_from_settings

        return calendar_from_settings(self.settings)

    @cached_property
    def customer_message(self) -> "Document | None":
        """The customer's message this reply answers, as a Document (its language detected by its own words)."""
        customer = self.message.customer
        if customer is None:
            return None
        return Document(customer, self.lexicons, kind="reply", kind_reason="the customer's message",
                        settings=self.settings)

    @cached_property
    def received_at(self) -> "datetime | None":
        from mailgate.reply_context import received_at

        return received_at(self.message, self.calendar.tz)

    @cached_property
    def drafted_at(self) -> "datetime":
        from mailgate.reply_context import drafted_at

        return drafted_at(self.message, self.calendar.tz)
