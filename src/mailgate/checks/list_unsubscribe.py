"""RFC 2369 List-Unsubscribe and RFC 8058 one-click unsubscribe headers of a sent campaign.

Gmail and Yahoo require one-click unsubscribe from bulk senders: a List-Unsubscribe header
with an https URI, ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, and a DKIM
signature that covers both. Every finding says exactly what is missing or malformed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator
from urllib.parse import unquote, urlsplit

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.hookspecs import hookimpl

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.rules.model import Rule

HEADER = "List-Unsubscribe"
POST_HEADER = "List-Unsubscribe-Post"
ONE_CLICK = "List-Unsubscribe=One-Click"
_BRACKETED = re.compile(r"<([^<>]*)>")
_COMMENT = re.compile(r"\([^()]*\)")
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def list_unsubscribe_problems(doc: "Document") -> Iterator[tuple[str, str]]:
    """(header name, problem) for everything RFC 2369/8058 and the bulk-sender rules ask of the headers."""
    message = doc.message
    values = message.header_values(HEADER)
    posts = message.header_values(POST_HEADER)
    if not values:
        yield HEADER, "the List-Unsubscribe header is missing (RFC 2369)"
        if not posts:
            yield POST_HEADER, f"“{POST_HEADER}: {ONE_CLICK}” is missing (RFC 8058 one-click)"
        return
    if len(values) > 1:
        yield HEADER, f"List-Unsubscribe appears {len(values)} times; send exactly one"
    value = values[0]
    uris = [uri.strip() for uri in _BRACKETED.findall(value)]
    leftover = _COMMENT.sub("", _BRACKETED.sub("", value)).replace(",", "").strip()
    if not uris:
        yield HEADER, f"List-Unsubscribe has no URI in angle brackets (RFC 2369 wants <https://…> or <mailto:…>): “{value[:80]}”"
        return
    if leftover:
        yield HEADER, f"List-Unsubscribe has text outside the angle brackets: “{leftover[:60]}”"
    schemes = [uri.split(":", 1)[0].lower() if ":" in uri else "" for uri in uris]
    for uri, scheme in zip(uris, schemes):
        problem = _uri_problem(uri, scheme)
        if problem:
            yield HEADER, problem
    has_https = "https" in schemes
    if not has_https and "mailto" not in schemes and "http" not in schemes:
        yield HEADER, "List-Unsubscribe has neither an https nor a mailto URI"
    if not posts:
        yield POST_HEADER, f"“{POST_HEADER}: {ONE_CLICK}” is missing (RFC 8058 one-click; required by Gmail and Yahoo)"
    elif " ".join(posts[0].split()) != ONE_CLICK:
        yield POST_HEADER, f"List-Unsubscribe-Post must be exactly “{ONE_CLICK}”, found “{posts[0][:60]}”"
    if not has_https and "mailto" in schemes:
        yield HEADER, "one-click unsubscribe (RFC 8058) needs an https URI in List-Unsubscribe; mailto alone is not enough"
    yield from _dkim_problems(message.header_values("DKIM-Signature"))


def _uri_problem(uri: str, scheme: str) -> str | None:
    if scheme == "http":
        return f"List-Unsubscribe URI {uri[:80]} uses http; one-click unsubscribe needs https"
    if scheme == "https":
        try:
            host = urlsplit(uri).hostname
        except ValueError:
            host = None
        return None if host else f"List-Unsubscribe URI {uri[:80]} has no host"
    if scheme == "mailto":
        address = unquote(uri[len("mailto:"):].split("?", 1)[0])
        return None if _ADDRESS.match(address) else f"List-Unsubscribe mailto URI {uri[:80]} has no valid address"
    return f"List-Unsubscribe URI {uri[:80]} is neither https nor mailto"


def _dkim_problems(signatures: list[str]) -> Iterator[tuple[str, str]]:
    """RFC 8058 §4: the DKIM signature must cover both headers (only checked when the mail is signed)."""
    if not signatures:
        return
    signed: set[str] = set()
    for signature in signatures:
        tags = dict(part.strip().split("=", 1) for part in signature.split(";") if "=" in part)
        signed.update(name.strip().lower() for name in "".join(tags.get("h", "").split()).split(":"))
    missing = [name for name in (HEADER, POST_HEADER) if name.lower() not in signed]
    if missing:
        yield "DKIM-Signature", f"the DKIM signature does not cover {' and '.join(missing)} (RFC 8058 §4)"


def list_unsubscribe(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    for header, problem in list_unsubscribe_problems(doc):
        line = doc.locator.line_of_prefix(header + ":")
        yield Hit(line, 1 if line else None, {"problem": problem, "header": header})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck("list_unsubscribe", list_unsubscribe, {},
                       "RFC 2369 List-Unsubscribe and RFC 8058 one-click headers, and their DKIM coverage.")]
