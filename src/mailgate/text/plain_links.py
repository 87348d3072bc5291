"""Links in plain-text and Markdown drafts: bare URLs and ``[text](url)``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mailgate.text.html import Link

if TYPE_CHECKING:
    from mailgate.document import Document

_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,300})\]\((\S{1,2000}?)\)")
_BARE_URL = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>\"')\]]{1,2000}", re.IGNORECASE)
_MERGE_TAG_URL = re.compile(r"(\{\{[^}]{1,200}\}\}|\*\|[A-Z_:]{1,60}\|\*|%[a-z_]{1,60}%|<%[a-z_]{1,60}%>|\{[a-z_]{1,60}\})",
                            re.IGNORECASE)


def find_links(text: str, doc: "Document") -> list[Link]:
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    for match in _MARKDOWN_LINK.finditer(text):
        line, column = doc.locate(match.group())
        links.append(Link(match.group(2), match.group(1).strip(), line, column))
        taken.append(match.span())
    for match in _BARE_URL.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        url = match.group().rstrip(".,;:!?")
        line, column = doc.locate(url)
        links.append(Link(url, url, line, column))
    return links


def merge_tag_links(text: str) -> list[str]:
    """Merge tags that stand where a URL would be (used by ESP unsubscribe detection)."""
    return _MERGE_TAG_URL.findall(text)
