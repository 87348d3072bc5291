"""The sentence around a link, without the words of neighbouring links.

"If you no longer want these mails, <a>click here</a>": the link says nothing, its sentence
does. Each message's contexts are read once and shared by every rule that asks
(``Document.link_contexts``): the unsubscribe and the preference-centre rules read the same
footer links.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from mailgate.text.html import anchor_key
from mailgate.text.tokens import sentences

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.text.html import Link

_CONTEXT_BLOCKS = frozenset({"p", "li", "td", "th", "div", "dd", "dt", "blockquote", "h1", "h2", "h3", "h4", "h5",
                             "h6", "section", "footer", "center", "body"})
_MAX_CONTEXT_CHARS = 600


class LinkContexts:
    """One message's link contexts, each read once however many rules ask."""

    def __init__(self, doc: "Document") -> None:
        self.doc = doc
        self._lines: list[str] | None = None
        self._read: dict[tuple[str, str, bool], str] = {}

    def around(self, link: "Link", plain: bool = False) -> str:
        """``plain``: the link is a bare URL of the visible text, not an anchor."""
        key = (link.href, link.text, plain)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = self._read_around(link, plain)
        return found

    def _read_around(self, link: "Link", plain: bool) -> str:
        view = self.doc.html_view
        if view is not None and not plain:
            anchor = view.anchors.get(anchor_key(link.href, link.text))
            # the anchor's own text, not its image's alt text: that is what the block's text holds
            return _html_context(anchor, " ".join(anchor.text_content().split())) if anchor is not None else ""
        return self._text_context(link)

    def _text_context(self, link: "Link") -> str:
        """Plain text: the line holding the URL, and the line right above when the URL stands alone."""
        if self._lines is None:
            self._lines = [line.strip() for line in self.doc.text.split("\n")]
        lines = self._lines
        for index in range(len(lines) - 1, -1, -1):  # from the end: the links read here are the last ones
            line = lines[index]
            if link.href in line:
                alone = not line.replace(link.href, "").strip(" :-–—>()[]<")
                return f"{lines[index - 1]} {line}" if alone and index > 0 else line
        return ""


def _block_text(block: Any, anchor: Any) -> str:
    """The text of ``block`` with every other link's words replaced by a separator."""
    pieces: list[str] = []
    size = 0
    stack: list[tuple[Any, bool]] = [(block, False)]
    while stack and size < 20 * _MAX_CONTEXT_CHARS:
        node, tail = stack.pop()
        piece = ""
        if tail:
            piece = node.tail or ""
        elif not isinstance(node.tag, str) or node.tag in {"script", "style"}:
            stack.append((node, True))
        elif node.tag == "a" and node is not anchor and node is not block:
            stack.append((node, True))
            piece = " | "
        else:
            if node is not block:
                stack.append((node, True))
            piece = node.text or ""
            stack.extend((child, False) for child in reversed(node))
        pieces.append(piece)
        size += len(piece)
    return " ".join("".join(pieces).split())


def _html_context(anchor: Any, link_text: str) -> str:
    block = next((parent for parent in anchor.iterancestors() if parent.tag in _CONTEXT_BLOCKS), None)
    if block is None:
        return ""
    text = _block_text(block, anchor)
    if not link_text:
        return text[:_MAX_CONTEXT_CHARS]
    for part in re.split(r"\s\|\s|\n", text):
        for sentence in sentences(part):
            if link_text in sentence:
                return sentence[:_MAX_CONTEXT_CHARS]
    return ""
