"""Links in plain-text and Markdown drafts: bare URLs and ``[text](url)``."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from mailgate.text.html import Link

if TYPE_CHECKING:
    from mailgate.document import Document

_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,300})\]\((\S{1,2000}?)\)")
_BARE_URL = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>\"')\]]{1,2000}", re.IGNORECASE)
_MERGE_TAG_URL = re.compile(r"(\{\{[^}]{1,200}\}\}|\*\|[A-Z_:]{1,60}\|\*|%[a-z_]{1,60}%|<%[a-z_]{1,60}%>|\{[a-z_]{1,60}\})",
                            re.IGNORECASE)


def bare_urls(text: str) -> list[str]:
    """The bare URLs of a text in order, unlocated (for reading their context, not for reporting)."""
    return [_url(match) for match in _BARE_URL.finditer(text)]


def _url(match: re.Match[str]) -> str:
    return match.group().rstrip(".,;:!?")  # the full stop after a URL ends the sentence, not the URL


def find_links(text: str, doc: "Document") -> list[Link]:
    """Links in text order. Each is located from the line of the one before it, so a draft full
    of URLs is located in one pass (and a repeated URL at its own place), not from the top each time."""
    links: list[Link] = []
    markdown: list[tuple[int, int]] = []
    line: int | None = None
    for match in _MARKDOWN_LINK.finditer(text):
        line, column = doc.locate(match.group(), line)
        links.append(Link(match.group(2), match.group(1).strip(), line, column))
        markdown.append(match.span())
    starts = [start for start, _ in markdown]
    line = None
    for match in _BARE_URL.finditer(text):
        inside = bisect.bisect_right(starts, match.start()) - 1
        if inside >= 0 and match.start() < markdown[inside][1]:
            continue  # the URL of a [text](url) link, already taken
        url = _url(match)
        line, column = doc.locate(url, line)
        links.append(Link(url, url, line, column))
    return links


def merge_tag_links(text: str) -> list[str]:
    """Merge tags that stand where a URL would be (used by ESP unsubscribe detection)."""
    return _MERGE_TAG_URL.findall(text)
