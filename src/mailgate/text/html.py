"""What a reader of an HTML email sees: visible text, preheader, links, images, forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mailgate.limits import MAX_HTML_DEPTH, MAX_HTML_TAGS

_INVISIBLE_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "meta", "link"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d]*[1-9])"
    r"|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None
    line: int | None = None
    column: int | None = None
    width: int | None = None
    height: int | None = None


@dataclass
class Form:
    action: str
    email_fields: int
    checkboxes: list[dict[str, Any]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    text: str = ""
    line: int | None = None


@dataclass
class HtmlView:
    """Everything the rules read from one parsed HTML document, computed in one walk."""

    visible_text: str = ""
    hidden_text: str = ""
    lang: str | None = None
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


_TAG_START = re.compile(r"<[A-Za-z]")


def parse_html(html: str, notes: list[str] | None = None) -> Any:
    """Parse with BeautifulSoup on lxml (imported here, so plain-text runs never pay for it).

    Hostile HTML is bounded first: past MAX_HTML_TAGS tags the rest is not parsed (each tag
    costs about 1 KB and 15 µs as a Python object), and elements nested deeper than
    MAX_HTML_DEPTH are dropped. What was cut is noted in ``notes``.
    """
    from bs4 import BeautifulSoup

    notes = notes if notes is not None else []
    cut = _nth_tag_start(html, MAX_HTML_TAGS)
    if cut is not None:
        notes.append(f"HTML has more than {MAX_HTML_TAGS:,} tags; the HTML after line "
                     f"{html.count(chr(10), 0, cut) + 1} was not checked")
        html = html[:cut]
    soup = BeautifulSoup(html, "lxml")
    if _drop_too_deep(soup):
        notes.append(f"HTML nested deeper than {MAX_HTML_DEPTH} levels; the deeper elements were not checked")
    return soup


def _nth_tag_start(html: str, limit: int) -> int | None:
    if html.count("<") <= limit:
        return None
    for count, match in enumerate(_TAG_START.finditer(html), 1):
        if count > limit:
            return match.start()
    return None


def _drop_too_deep(soup: Any) -> bool:
    """Remove elements below MAX_HTML_DEPTH (one cut per subtree, so linear in the tree's size)."""
    from bs4 import Tag

    too_deep = []
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if not isinstance(child, Tag):
                continue
            if depth == MAX_HTML_DEPTH:
                too_deep.append(child)
            else:
                stack.append((child, depth + 1))
    for tag in too_deep:
        tag.decompose()
    return bool(too_deep)


def is_hidden(tag: Any) -> bool:
    if tag.attrs is None:
        return False
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true" and tag.name in {"div", "span"}:
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(style if isinstance(style, str) else " ".join(style)))


def build_view(soup: Any) -> HtmlView:
    """Walk the tree once, iteratively (deep nesting must not hit the recursion limit)."""
    from bs4 import Comment, NavigableString, Tag
    from bs4.element import Declaration, Doctype, ProcessingInstruction, CData

    skip_types = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
    view = HtmlView()
    html_tag = soup.find("html")
    if html_tag is not None and html_tag.get("lang"):
        view.lang = str(html_tag.get("lang"))
    visible: list[str] = []
    hidden: list[str] = []
    # Stack of (node, hidden?) processed depth-first without recursion.
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(list(soup.children))]
    while stack:
        node, in_hidden = stack.pop()
        if isinstance(node, _BlockEnd):
            (hidden if in_hidden else visible).append("\n")
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, skip_types):
                continue
            (hidden if in_hidden else visible).append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in _INVISIBLE_TAGS:
            continue
        node_hidden = in_hidden or is_hidden(node)
        if node.name in _BLOCK_TAGS:
            (hidden if node_hidden else visible).append("\n")
        _collect(node, view, node_hidden)
        if node.name in _BLOCK_TAGS:
            stack.append((_BlockEnd(node.name), node_hidden))
        stack.extend((child, node_hidden) for child in reversed(node.contents))
        if node.name == "img" and not node_hidden:
            alt = node.get("alt")
            if alt:
                visible.append(f" {alt} ")
    view.visible_text = _tidy("".join(visible))
    view.hidden_text = _tidy("".join(hidden))
    return view


class _BlockEnd:
    """Marker pushed after a tag's children so a block element ends its line."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def _collect(tag: Any, view: HtmlView, hidden: bool) -> None:
    line, column = getattr(tag, "sourceline", None), getattr(tag, "sourcepos", None)
    column = column + 1 if column is not None else None
    if tag.name == "a" and tag.get("href") is not None and not hidden:
        view.links.append(Link(str(tag.get("href")).strip(), _tidy(tag.get_text(" ")), line, column))
    elif tag.name == "img":
        view.images.append(Image(str(tag.get("src") or ""), tag.get("alt"), line, column,
                                 _int(tag.get("width")), _int(tag.get("height"))))
    elif tag.name == "form":
        view.forms.append(_form(tag, line))


def _form(tag: Any, line: int | None) -> Form:
    email_fields = 0
    checkboxes = []
    for field_tag in tag.find_all("input"):
        kind = (field_tag.get("type") or "text").lower()
        name = (field_tag.get("name") or "") + " " + (field_tag.get("id") or "")
        if kind == "email" or (kind == "text" and "mail" in name.lower()):
            email_fields += 1
        elif kind == "checkbox":
            label = ""
            if field_tag.get("id"):
                label_tag = tag.find("label", attrs={"for": field_tag.get("id")})
                label = label_tag.get_text(" ") if label_tag else ""
            if not label and field_tag.find_parent("label") is not None:
                label = field_tag.find_parent("label").get_text(" ")
            checkboxes.append({"checked": field_tag.has_attr("checked"), "required": field_tag.has_attr("required"),
                               "label": _tidy(label)})
    links = [Link(str(a.get("href")), _tidy(a.get_text(" ")), getattr(a, "sourceline", None))
             for a in tag.find_all("a") if a.get("href") is not None]
    return Form(str(tag.get("action") or ""), email_fields, checkboxes, links, _tidy(tag.get_text(" ")), line)


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip().rstrip("px"))
    except (TypeError, ValueError):
        return None


_SPACES = re.compile(r"[ \t\u00a0\u200b\u200c\u200d\u2060\ufeff\u034f\u00ad]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
