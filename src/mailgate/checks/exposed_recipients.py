"""Named check ``recipients_exposed``: several outside addresses visible to one another.

Putting customers side by side in To/Cc discloses their addresses to each other (the
Spanish source, norm 12: privacy). Colleagues of the sender's own organisation are not
counted: the From domain and the rule's ``internal_domains`` are internal.
"""

from __future__ import annotations

from typing import Iterator

from mailgate.addresses import domain_of, in_domain_list, normalise_address, normalise_domain, parse_addresses
from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule


def external_recipients(doc: Document, internal: set[str]) -> list[str]:
    """Distinct To/Cc addresses outside the sender's domains, in order of appearance."""
    found: dict[str, None] = {}
    for name in ("to", "cc"):
        for _, address in parse_addresses(doc.field(name)):
            normalised = normalise_address(address)
            if not in_domain_list(domain_of(normalised), internal):
                found.setdefault(normalised.casefold(), None)
    return list(found)


def check_recipients_exposed(doc: Document, rule: Rule) -> Iterator[Hit]:
    internal = {normalise_domain(d) for d in rule.options.get("internal_domains", [])}
    internal.update(domain_of(address) for _, address in parse_addresses(doc.field("from")))
    internal.discard("")
    outside = external_recipients(doc, internal)
    if len(outside) > rule.options.get("max_external", 1):
        line = doc.field_line("to") or doc.field_line("cc")
        shown = ", ".join(outside[:3]) + (" …" if len(outside) > 3 else "")
        yield Hit(line, 1, {"count": len(outside), "addresses": shown})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck("recipients_exposed", check_recipients_exposed,
                       {"max_external": {"type": "integer", "minimum": 1},
                        "internal_domains": {"type": "array", "items": {"type": "string"}}},
                       "More than max_external outside addresses in To and Cc.")]
