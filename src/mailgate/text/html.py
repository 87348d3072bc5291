"""What a reader of an HTML email sees: visible text, preheader, links, images, forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable

from mailgate.limits import MAX_HTML_DEPTH, MAX_HTML_TAGS

_INVISIBLE_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "meta", "link"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d]*[1-9])"
    r"|font-size\s*:\s*(?:0(?![.\d]*[1-9])|1p[xt]\b)|opacity\s*:\s*0(?![.\d]*[1-9])"
    r"|(?<![-\w])(?:max-)?width\s*:\s*0(?![.\d]*[1-9])",
    re.IGNORECASE,
)
# Stylesheet rules that hide a class or id everywhere (``.preheader { display: none }``);
# rules inside @media blocks hide only on some screens and are left out.
_SIMPLE_SELECTOR = re.compile(r"^\s*(?:[a-z0-9]*)([.#])([\w-]+)\s*$", re.IGNORECASE)


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
    # The <a> element of each visible link, by ``anchor_key``: where the sentence around it is read.
    anchors: dict[tuple[str, str], Any] = field(default_factory=dict)


def anchor_key(href: str, text: str) -> tuple[str, str]:
    """A link's identity across views: its href and its text with spacing collapsed."""
    return href, " ".join(text.split())


_TAG_START = re.compile(r"<[A-Za-z]")
# libxml2 drops what follows </body> or </html>; a browser (HTML5) reads it into the body. A mail
# whose HTML parts are joined has one such end per part, so the later parts were lost.
_DOCUMENT_END = re.compile(r"</\s*(?:body|html)\s*>", re.IGNORECASE)


def parse_html(html: str, notes: list[str] | None = None) -> Any:
    """Parse with lxml's HTML parser; None when there is no markup at all.

    The views below walk lxml's tree directly: on a 60 KB campaign mail that takes ~1 ms,
    where building a BeautifulSoup tree on the same lxml parser takes ~12 ms
    (bench/check_bench.py). ``Document.soup`` still offers BeautifulSoup to plugins.
    Hostile HTML is bounded: past MAX_HTML_TAGS tags the rest is not parsed, and libxml2
    itself keeps no element deeper than MAX_HTML_DEPTH; what was cut is noted in ``notes``.
    """
    import lxml.html
    from lxml.etree import ParserError

    notes = notes if notes is not None else []
    cut = _nth_tag_start(html, MAX_HTML_TAGS)
    if cut is not None:
        notes.append(f"HTML has more than {MAX_HTML_TAGS:,} tags; the HTML after line "
                     f"{html.count(chr(10), 0, cut) + 1} was not checked")
        html = html[:cut]
    html = _DOCUMENT_END.sub(lambda end: re.sub(r"[^\n]", " ", end.group()), html)  # same offsets, same lines
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (ParserError, ValueError):
        return None
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        notes.append(f"HTML nested deeper than {MAX_HTML_DEPTH} levels; the deeper elements were not checked")
    return root


def _nth_tag_start(html: str, limit: int) -> int | None:
    if html.count("<") <= limit:
        return None
    for count, match in enumerate(_TAG_START.finditer(html), 1):
        if count > limit:
            return match.start()
    return None


@dataclass(frozen=True)
class HiddenSelectors:
    """Classes and ids a stylesheet of the message hides outside any @media block."""

    classes: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()


def hidden_selectors(root: Any) -> HiddenSelectors:
    classes: set[str] = set()
    ids: set[str] = set()
    for style in root.iter("style"):
        for rule in _outside_at_blocks(style.text or "").split("}"):  # split, not a regex: linear on any input
            selectors, brace, body = rule.partition("{")
            if not brace or not _HIDDEN_STYLE.search(body):
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector)
                if match:
                    (classes if match.group(1) == "." else ids).add(match.group(2).lower())
    return HiddenSelectors(frozenset(classes), frozenset(ids))


def _outside_at_blocks(css: str) -> str:
    """The stylesheet without its @-blocks (media queries, font faces), by brace depth."""
    kept: list[str] = []
    depth = 0
    in_at_block = False
    for char in css:
        if depth == 0 and char == "@":
            in_at_block = True
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
            if depth == 0 and in_at_block:
                in_at_block = False
                continue
        if not in_at_block:
            kept.append(char)
    return "".join(kept)


def is_hidden(element: Any, selectors: HiddenSelectors = HiddenSelectors()) -> bool:
    names = element.keys()
    if not names:  # most elements of a template carry no attribute at all: one C call decides
        return False
    get = element.get
    if "hidden" in names or (get("aria-hidden") == "true" and element.tag in {"div", "span"}):
        return True
    style = get("style")
    if style and _hides(style):
        return True
    if selectors.classes and any(c.lower() in selectors.classes for c in (get("class") or "").split()):
        return True
    return bool(selectors.ids and (get("id") or "").lower() in selectors.ids)


@lru_cache(maxsize=4096)
def _hides(style: str) -> bool:
    """Whether an inline style hides its element; templates repeat a few styles on every cell."""
    return _HIDDEN_STYLE.search(style) is not None


HR_TEXT = "\n----------\n"


def build_view(root: Any) -> HtmlView:
    """Walk the tree once with lxml's iterwalk: the traversal runs in C, and each element costs one
    start and one end event here (an explicit stack of Python tuples cost a third of the view)."""
    from lxml import etree

    view = HtmlView()
    if root is None:
        return view
    view.lang = root.get("lang") if root.tag == "html" and root.get("lang") else None
    buffers: dict[bool, list[str]] = {False: [], True: []}
    selectors = hidden_selectors(root)
    # Per open element: whether its parent's text is hidden, whether its own is, whether it is a block.
    open_elements: list[tuple[bool, bool, bool]] = [(False, False, False)]
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "end":
            outer, inner, block = open_elements.pop()
            if block:
                buffers[inner].append("\n")
            if node.tail:
                buffers[outer].append(node.tail)
            continue
        hidden = open_elements[-1][1]
        if event != "start":  # a comment or processing instruction: only its tail is text
            if node.tail:
                buffers[hidden].append(node.tail)
            continue
        name = node.tag
        if name in _INVISIBLE_TAGS:
            walker.skip_subtree()
            open_elements.append((hidden, hidden, False))
            continue
        node_hidden = hidden or is_hidden(node, selectors)
        block = name in _BLOCK_TAGS
        open_elements.append((hidden, node_hidden, block))
        if block:
            buffers[node_hidden].append("\n")
        _collect(node, name, view, node_hidden, buffers)
        if node.text:
            buffers[node_hidden].append(node.text)
    view.visible_text = _tidy("".join(buffers[False]))
    view.hidden_text = _tidy("".join(buffers[True]))
    return view


def relocate(view: HtmlView, line_of: Callable[[int | None], int | None]) -> HtmlView:
    """Lines of the HTML text become lines of the checked file (the HTML part of an .eml, the
    body after a template's front matter start further down)."""
    view.links = [replace(link, line=line_of(link.line)) for link in view.links]
    view.images = [replace(image, line=line_of(image.line)) for image in view.images]
    view.forms = [replace(form, line=line_of(form.line),
                          links=[replace(link, line=line_of(link.line)) for link in form.links]) for form in view.forms]
    return view


def _collect(element: Any, name: str, view: HtmlView, hidden: bool, buffers: dict[bool, list[str]]) -> None:
    if name == "a":
        href = element.get("href")
        if href is not None and not hidden:
            link = Link(href.strip(), link_text(element), element.sourceline)
            view.links.append(link)
            view.anchors.setdefault(anchor_key(link.href, link.text), element)
    elif name == "img":
        alt = element.get("alt")
        view.images.append(Image(element.get("src") or "", alt, element.sourceline, None,
                                 _int(element.get("width")), _int(element.get("height"))))
        if alt and not hidden:
            buffers[False].append(f" {alt} ")
    elif name == "form":
        view.forms.append(_form(element, element.sourceline))
    elif name == "hr":
        buffers[hidden].append(HR_TEXT)  # readers see a rule: signature frames drawn with <hr> count


def link_text(anchor: Any) -> str:
    """What a link says: its text, or for a link that is only a picture, the images' alt text (an
    "Unsubscribe" button is often an image; screen readers and the blocked-images view show its alt)."""
    text = _tidy(anchor.text_content())
    if any(character.isalnum() for character in text):  # "›" beside the image is no text
        return text
    return _tidy(" ".join(alt for image in anchor.iter("img") if (alt := image.get("alt"))))


def _form(form: Any, line: int | None) -> Form:
    labels = {label.get("for"): _tidy(label.text_content()) for label in form.iter("label") if label.get("for")}
    email_fields = 0
    checkboxes = []
    for field_element in form.iter("input"):
        kind = (field_element.get("type") or "text").lower()
        name = f"{field_element.get('name') or ''} {field_element.get('id') or ''}".lower()
        if kind == "email" or (kind == "text" and "mail" in name):
            email_fields += 1
        elif kind == "checkbox":
            label = labels.get(field_element.get("id"), "")
            parent_label = next((a for a in field_element.iterancestors("label")), None)
            if not label and parent_label is not None:
                label = _tidy(parent_label.text_content())
            checkboxes.append({"checked": field_element.get("checked") is not None,
                               "required": field_element.get("required") is not None, "label": label})
    links = [Link(a.get("href"), link_text(a), a.sourceline) for a in form.iter("a") if a.get("href") is not None]
    return Form(form.get("action") or "", email_fields, checkboxes, links, _tidy(form.text_content()), line)


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
