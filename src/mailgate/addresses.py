"""Email addresses and domains: parsing header values, normalising, comparing hosts."""

from __future__ import annotations

import re
from email.utils import getaddresses
from functools import lru_cache
from typing import Any, Sequence
from urllib.parse import urlsplit


def parse_addresses(value: str) -> list[tuple[str, str]]:
    """(display name, address) pairs from a header or front-matter value; garbage yields nothing."""
    try:
        pairs = getaddresses([value])
    except Exception:  # noqa: BLE001 — hostile header values
        return []
    return [(name.strip(), addr.strip()) for name, addr in pairs if "@" in addr]


def local_part_matches(address: str, patterns: Sequence[Any]) -> bool:
    """Does the part before the @ match one of ``patterns`` (compiled RE2, e.g. no-reply senders)?"""
    local = address.rpartition("@")[0] or address
    return any(p.search(local) for p in patterns)


# What str.isspace() calls white space in ASCII, plus angle brackets: the same set as _EDGES, fast.
_ASCII_EDGES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f<>"


def normalise_address(address: str) -> str:
    """The key an address is compared by everywhere: the ledger, the audience, the rules.

    Whitespace and angle brackets go, the domain becomes lower-case IDNA (punycode), and the
    local part is lower-cased too. RFC 5321 lets a server treat ``Anna@`` and ``anna@`` as
    different mailboxes, but the big providers do not, and for a suppression list the safe
    error is to match too much, never too little. Idempotent: normalising twice gives the
    same string. ASCII addresses (nearly all) skip the IDNA codec.
    """
    address = address.strip(_ASCII_EDGES) if address.isascii() else _EDGES.sub("", address)
    local, sep, domain = address.rpartition("@")
    if not sep:
        return address.lower()
    return f"{local.lower()}@{normalise_domain(domain)}"


_TRAILING = re.compile(r"[\s.<>]+$")
_EDGES = re.compile(r"^[\s<>]+|[\s<>]+$")


def normalise_domain(domain: str) -> str:
    """Lower-case IDNA form without trailing dots; idempotent (dots, spaces and brackets may alternate)."""
    if domain.isascii():  # IDNA leaves ASCII labels as they are; skip the costly UTS 46 mapping
        return domain.strip().rstrip(_ASCII_EDGES + ".").lower()
    domain = _TRAILING.sub("", domain.strip()).lower()
    if not domain:
        return domain
    try:
        import idna

        return _TRAILING.sub("", idna.encode(domain, uts46=True).decode("ascii"))
    except Exception:  # noqa: BLE001 — idna raises several error types on invalid labels
        try:
            return _TRAILING.sub("", domain.encode("idna").decode("ascii"))
        except UnicodeError:
            return domain


def domain_of(address: str) -> str:
    return normalise_domain(address.rpartition("@")[2]) if "@" in address else ""


@lru_cache(maxsize=4096)  # three link rules ask for the host of the same (often repeated) hrefs
def host_of(url: str) -> str:
    try:
        parts = urlsplit(url if "//" in url or url.startswith("mailto:") else "//" + url)
    except ValueError:
        return ""
    if parts.scheme == "mailto":
        return domain_of(parts.path)
    return normalise_domain(parts.hostname or "")


def in_domain_list(host: str, domains: set[str]) -> bool:
    """True when ``host`` is a listed domain or a subdomain of one."""
    labels = host.split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels) - 1))


def same_site(a: str, b: str) -> bool:
    """Hosts that share their last two labels (news.shop.de and shop.de) count as one site."""
    return a.split(".")[-2:] == b.split(".")[-2:] if a and b else True
