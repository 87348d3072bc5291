"""Named check ``recipients_exposed``: several outside parties visible to one another.

Putting customers side by side in To/Cc discloses their addresses to each other (the
Spanish source, norm 12: privacy). Colleagues of the sender's own organisation are not
counted: the From domain and the rule's ``internal_domains`` are internal. Several people
of one customer's company (anna@customer.example, boss@customer.example) already know each
other and count as one party; on a free-mail domain (gmail.com, wp.pl) every address is
its own party.
"""

from __future__ import annotations

from typing import Iterator

from mailgate.addresses import domain_of, in_domain_list, normalise_address, normalise_domain, parse_addresses
from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.checks.structure import domain_set
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule


def outside_parties(doc: Document, internal: set[str], shared: set[str]) -> dict[str, list[str]]:
    """To/Cc addresses outside the sender's domains, grouped by party (a company domain or one address)."""
    parties: dict[str, list[str]] = {}
    for name in ("to", "cc"):
        for _, address in parse_addresses(doc.field(name)):
            normalised = normalise_address(address).casefold()
            domain = domain_of(normalised)
            if in_domain_list(domain, internal):
                continue
            party = normalised if in_domain_list(domain, shared) else domain
            members = parties.setdefault(party, [])
            if normalised not in members:
                members.append(normalised)
    return parties


def check_recipients_exposed(doc: Document, rule: Rule) -> Iterator[Hit]:
    internal = {normalise_domain(d) for d in rule.options.get("internal_domains", [])}
    internal.update(domain_of(address) for _, address in parse_addresses(doc.field("from")))
    internal.discard("")
    shared_list = rule.options.get("shared_domains")
    parties = outside_parties(doc, internal, domain_set(doc, shared_list) if shared_list else set())
    if len(parties) > rule.options.get("max_external", 1):
        addresses = [members[0] for members in parties.values()]
        shown = ", ".join(addresses[:3]) + (" …" if len(addresses) > 3 else "")
        yield Hit(doc.field_line("to") or doc.field_line("cc"), 1, {"count": len(parties), "addresses": shown})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [NamedCheck("recipients_exposed", check_recipients_exposed,
                       {"max_external": {"type": "integer", "minimum": 1},
                        "internal_domains": {"type": "array", "items": {"type": "string"}},
                        "shared_domains": {"type": "string", "description":
                                           "List under rules/lexicons/any/ of domains shared by strangers."}},
                       "More than max_external outside parties in To and Cc.")]
