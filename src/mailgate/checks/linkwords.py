"""Links recognised by what they say or where they go: unsubscribe and preference-centre links.

A link counts when its text, or the sentence around it ("If you no longer want these
mails, <a>click here</a>"), holds a lexicon phrase and its href goes somewhere, or when its
href is an email service provider's merge tag for that page (``*|UNSUB|*``,
``{{ unsubscribe_url }}`` …). Some providers replace a tag with a whole link
(``<unsubscribe>`` of Campaign Monitor, Klaviyo's ``{% unsubscribe %}``); those count
wherever they stand in the visible body, and so does a bare URL in an HTML mail's visible
text, which mail clients make clickable. Merge tags are data (rules/lexicons/any/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator
from urllib.parse import unquote, urlsplit

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck, lexicon_option
from mailgate.hookspecs import hookimpl

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.lexicon import Lexicons, PhraseMatcher
    from mailgate.text.link_context import LinkContexts
    from mailgate.rules.model import Rule
    from mailgate.text.html import Link

_DEAD_HREF = re.compile(r"^\s*(?:#.*|javascript:.*|about:blank)?\s*$", re.IGNORECASE)
_TEMPLATE_FILTER = re.compile(r"\|[^{}|]*(?=\}\})")
DEFAULT_CONTEXT_LINKS = 50


def normalise_tag(text: str) -> str:
    """Case and spacing do not matter to a template engine, nor filters: ``{{ u | default('') }}`` → ``{{u}}``."""
    folded = "".join(unquote(text).split()).casefold()
    return _TEMPLATE_FILTER.sub("", folded)


def has_tag(text: str, tags: frozenset[str]) -> str | None:
    normal = normalise_tag(text)
    return next((tag for tag in tags if tag in normal), None)


def dead_href(href: str) -> bool:
    """An empty, ``#``, in-page or ``javascript:`` href leads nowhere, whatever the link says."""
    return bool(_DEAD_HREF.match(href))


_QUERY_SEPARATOR = re.compile(r"[&;]")  # ";" separates parameters too (HTML 4, some ESPs)


def home_page(href: str, wording: "PhraseMatcher | None" = None, tracking: frozenset[str] = frozenset()) -> bool:
    """A site's bare home page ("https://shop.example/"): "unsubscribe on our website" is no way to
    unsubscribe, the reader is left to search for one. A query, an in-app route
    ("https://app.example/#/unsubscribe") or a host that says what it is for
    ("https://unsubscribe.shop.example/", when ``wording`` finds it) leads to a page of its own;
    a query of nothing but ``tracking`` parameters ("?utm_source=news") does not."""
    parts = urlsplit(href.strip())
    names = [pair.partition("=")[0] for pair in _QUERY_SEPARATOR.split(parts.query) if pair]
    bare = parts.path in ("", "/") and all(_tracks(name, tracking) for name in names) and not parts.fragment
    says_it = wording is not None and wording.search(parts.netloc.replace(".", " ")) is not None
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and bare and not says_it


def _tracks(name: str, tracking: frozenset[str]) -> bool:
    """Is this query parameter an analytics tag ("utm_source" for the entry "utm_*")?"""
    name = name.casefold()
    return name in tracking or any(entry.endswith("*") and name.startswith(entry[:-1]) for entry in tracking)


@dataclass(frozen=True)
class Recognised:
    """Whether a link was found, and otherwise the closest miss (a worded link that goes nowhere)."""

    found: bool
    dead_link: "Link | None" = None


def _tags(doc: "Document", rule: "Rule", field: str, normalise: Callable[[str], str] = normalise_tag) -> frozenset[str]:
    """The entries of the lexicon under rules/lexicons/any/ that the rule's ``field`` names, normalised."""
    if not rule.options.get(field):
        return frozenset()
    return _normalised(doc.lexicons, lexicon_option(doc, rule, field), normalise)


@lru_cache(maxsize=64)  # a run has one lexicon set or a few; every message asks for the same lists
def _normalised(lexicons: "Lexicons", name: str, normalise: Callable[[str], str]) -> frozenset[str]:
    return frozenset(normalise(tag) for tag in lexicons.entries(name, "any"))


def recognise(doc: "Document", wording: "PhraseMatcher", href_tags: frozenset[str],
              link_tags: frozenset[str], context_links: int = DEFAULT_CONTEXT_LINKS,
              tracking: frozenset[str] = frozenset()) -> Recognised:
    """Look for a working worded link, a merge tag in an href, or a tag that renders a whole link.

    Link texts and hrefs are read first; the sentences around links only when they did not
    decide, and only around the last ``context_links`` links: such links live in the footer,
    and a file with 100,000 links must not cost 100,000 context reads.
    """
    dead: "Link | None" = None
    links = doc.links
    for link in links:
        if href_tags and has_tag(link.href, href_tags):
            return Recognised(True)
        if wording.search(link.text) is not None:
            if not dead_href(link.href) and not home_page(link.href, wording, tracking):
                return Recognised(True)
            dead = dead or link
    if link_tags and _body_has_link_tag(doc, link_tags):
        return Recognised(True)
    from mailgate.text.plain_links import merge_tag_links  # only plain-text drafts need it; keeps start-up light

    if href_tags and doc.html_view is None and any(has_tag(tag, href_tags) for tag in merge_tag_links(doc.text)):
        return Recognised(True)
    contexts = doc.link_contexts
    for link in links[max(0, len(links) - context_links):]:
        if not dead_href(link.href) and wording.search(contexts.around(link)) is not None:
            if not home_page(link.href, wording, tracking):
                return Recognised(True)
            dead = dead or link
    if doc.html_view is not None and _bare_url_says_it(doc, wording, links, contexts, context_links):
        return Recognised(True)
    return Recognised(False, dead)


def _bare_url_says_it(doc: "Document", wording: "PhraseMatcher", links: "list[Link]", contexts: "LinkContexts",
                      context_links: int) -> bool:
    """A bare URL in an HTML mail's visible text ("Abmelden unter https://…") is a link too: mail
    clients make it clickable. The text of an <a> is not (its href decides), and only the last
    ``context_links`` URLs are read, like the anchors above."""
    from mailgate.text.html import Link
    from mailgate.text.plain_links import bare_urls

    anchored = {" ".join(link.text.split()) for link in links}
    urls = [url for url in bare_urls(doc.text) if url not in anchored]
    for url in urls[max(0, len(urls) - context_links):]:
        link = Link(url, url, None, None)
        if wording.search(url) is not None or wording.search(contexts.around(link, plain=True)) is not None:
            return True
    return False


def _body_has_link_tag(doc: "Document", link_tags: frozenset[str]) -> bool:
    if has_tag(doc.text, link_tags):
        return True
    element_names = [tag[1:-1] for tag in link_tags if tag.startswith("<") and tag.endswith(">")]
    tree = doc.html_tree
    if not element_names or tree is None:
        return False
    from mailgate.text.html import is_hidden

    return any(not is_hidden(element) and not any(is_hidden(parent) for parent in element.iterancestors())
               for element in tree.iter(*element_names))


def worded_link(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    options = rule.options
    wording = doc.lexicons.matcher(options["lexicon"], doc.lang)
    tracking = _tags(doc, rule, "tracking_parameters", str.casefold)
    result = recognise(doc, wording, _tags(doc, rule, "href_tags"), _tags(doc, rule, "link_tags"),
                       options.get("context_links", DEFAULT_CONTEXT_LINKS), tracking)
    if result.found:
        return
    dead = result.dead_link
    if dead is not None:
        line, column = (dead.line, dead.column) if dead.line else doc.locate(f">{dead.text}<" if dead.text else dead.href)
        where = "leads only to the home page" if home_page(dead.href, wording, tracking) else "goes nowhere"
        yield Hit(line, column, {"reason": f"the link “{dead.text[:60]}” {where} (href “{dead.href}”)"})
    else:
        yield Hit(None, None, {"reason": options.get("missing_reason", "none found")})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    lexicon_name = {"type": "string", "description": "A list under rules/lexicons/any/ (tag → provider)."}
    return [NamedCheck(
        "worded_link", worded_link,
        {"lexicon": {"type": "string", "description": "Words in the link text or the sentence around it."},
         "href_tags": lexicon_name, "link_tags": lexicon_name,
         "tracking_parameters": {"type": "string", "description": "A list under rules/lexicons/any/ of query "
                                 "parameters that only tag a link for analytics (a home page with only these is bare)."},
         "context_links": {"type": "integer", "minimum": 0,
                           "description": "How many of the last links are read with the sentence around them."},
         "missing_reason": {"type": "string", "description": "What the finding says when nothing comes close."}},
        "A link recognised by its words (in five languages) or by an ESP merge tag.")]
