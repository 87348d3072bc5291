"""The parts of a message a rule can read (``target:`` in a rule file)."""

from __future__ import annotations

from typing import Any, Callable

from mailgate.checks.base import TargetText
from mailgate.document import Document
from mailgate.hookspecs import hookimpl


def _field(name: str) -> Callable[[Document], TargetText]:
    def read(doc: Document) -> TargetText:
        return TargetText(doc.field(name), doc.field_line(name), 1, name)

    return read


def _senders(doc: Document) -> list[TargetText]:
    """From and Reply-To: the addresses a reader sees as the sender and answers to."""
    return [_field("from")(doc), _field("reply_to")(doc)]


def _header(doc: Document, name: str) -> list[TargetText]:
    values = doc.message.header_values(name)
    line = doc.locator.line_of_prefix(name + ":")
    return [TargetText(value, line, 1, f"header:{name}") for value in values]


def _text(doc: Document) -> TargetText:
    return TargetText(doc.text, None, None, "text")


def _body(doc: Document) -> TargetText:
    return TargetText(doc.body_text, None, None, "body")


def _html(doc: Document) -> TargetText:
    return TargetText(doc.message.html or "", None, None, "html")


def _greeting(doc: Document) -> TargetText:
    where = doc.greeting or doc.parts.first_line  # no greeting: point at the line that should have held one
    return TargetText(doc.greeting, *doc.locate(where), "greeting")


def _closing(doc: Document) -> TargetText:
    where = doc.closing.split("\n")[0] or doc.body_text.rsplit("\n", 1)[-1]  # no closing: point at the last line
    return TargetText(doc.closing, *doc.locate(where), "closing")


def _signature(doc: Document) -> TargetText:
    signature = doc.signature
    if signature is None:
        return TargetText("", None, None, "signature")
    return TargetText("\n".join(signature.lines), *doc.locate(signature.lines[0]), "signature")


def _subject_and_text(doc: Document) -> list[TargetText]:
    """Everything a content filter reads: subject, preheader and the visible text."""
    return [_field("subject")(doc), _preheader(doc), _text(doc)]


def _preheader(doc: Document) -> TargetText:
    return TargetText(doc.preheader, doc.field_line("preheader"), None, "preheader")


def _links(doc: Document) -> list[TargetText]:
    return [TargetText(link.href, link.line, link.column, "links") for link in doc.links]


def _images(doc: Document) -> list[TargetText]:
    return [TargetText(image.src, image.line, image.column, "images") for image in doc.images]


def _source(doc: Document) -> TargetText:
    return TargetText(doc.message.source, 1, 1, "source")


@hookimpl
def mailgate_targets() -> dict[str, Callable[..., Any]]:
    return {
        "subject": _field("subject"),
        "from": _field("from"),
        "reply_to": _field("reply_to"),
        "to": _field("to"),
        "cc": _field("cc"),
        "senders": _senders,
        "header:": _header,
        "text": _text,
        "body": _body,
        "html": _html,
        "greeting": _greeting,
        "closing": _closing,
        "signature": _signature,
        "preheader": _preheader,
        "subject_and_text": _subject_and_text,
        "links": _links,
        "images": _images,
        "source": _source,
    }
