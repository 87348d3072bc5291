"""A message as loaded from a file, before any rule reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Message:
    """One email, template, draft or page, with the fields every loader fills in.

    ``fields`` merges front matter with mail headers under common names (``subject``,
    ``from``, ``reply_to``, ``to``, ``cc``, ``kind``, ``lang`` …) so that a rule reads the
    subject of a template and of an .eml the same way.
    """

    path: str
    source: str
    fmt: str
    fields: dict[str, Any] = field(default_factory=dict)
    headers: list[tuple[str, str]] = field(default_factory=list)
    html: str | None = None
    plain: str | None = None
    has_text_part: bool = False
    size_bytes: int = 0
    body_line: int = 1
    field_lines: dict[str, int] = field(default_factory=dict)
    defects: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    # Where each HTML part starts: (its first line in ``html``, that line in ``source``); the
    # source line is None for a quoted-printable or base64 part, whose decoded lines are not
    # the file's: its findings keep the line inside the decoded part.
    html_origins: list[tuple[int, int | None]] = field(default_factory=list)
    # The customer's message this one answers, when known (--in-reply-to, or the same mailbox).
    customer: "Message | None" = None

    def header(self, name: str) -> str | None:
        """The first value of a mail header (case-insensitive), or None."""
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)

    def header_values(self, name: str) -> list[str]:
        lowered = name.lower()
        return [value for key, value in self.headers if key.lower() == lowered]

    @property
    def html_shifted(self) -> bool:
        """Do the HTML's lines differ from the file's (front matter, mail headers above it)?"""
        return any(source is not None and source != start for start, source in self.html_origins)

    def html_source_line(self, line: int | None) -> int | None:
        """The line of ``source`` that holds line ``line`` of ``html`` (see ``html_origins``)."""
        if line is None or not self.html_origins:
            return line
        start, source_start = max((o for o in self.html_origins if o[0] <= line), default=self.html_origins[0])
        return line if source_start is None else source_start + line - start

    @property
    def is_mail(self) -> bool:
        """True for a message with real mail headers (.eml, mbox, Maildir), not a template."""
        return self.fmt == "eml"

    def field_text(self, name: str) -> str:
        value = self.fields.get(name)
        if value is None:
            return ""
        if isinstance(value, (list, tuple)):
            return ", ".join(str(v) for v in value)
        return str(value)
