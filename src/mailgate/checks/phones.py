"""Named check ``contact_phone``: the message offers a real telephone number.

The Spanish (000 §6) and Polish (002 §6) sources ask for an easy direct contact, a phone
number above all. Numbers are recognised by the phonenumbers library (libphonenumber's
metadata), not a digit regex: an order number or an IBAN is not a phone number. National
numbers are read with the regions of the message's language; international ones anywhere.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule

# Runs of digits with the separators people write in phone numbers; only these reach libphonenumber,
# whose matcher is slow on whole messages (30 ms for a 5 KB campaign against 1 ms this way).
_CANDIDATE = re.compile(r"(?:\+|\()?\d[\d \t().\-/\u00a0]{4,24}\d")


def find_phone_numbers(text: str, regions: Iterable[str]) -> list[str]:
    """Valid numbers in ``text``; a bare run of digits counts only when written internationally.

    "Bestellung 601234567" is a valid Polish mobile number to libphonenumber, but nobody
    offers a phone line unformatted: require '+'/'00' or the grouping people write.
    """
    candidates = list(_CANDIDATE.finditer(text))
    if not candidates:
        return []  # no digits to read: spare the 36 ms import of libphonenumber's metadata
    from phonenumbers import Leniency, PhoneNumberMatcher

    found: list[str] = []
    for candidate in candidates:
        # One character either side, so "DE89 3704 …" (an IBAN) keeps the letter that disqualifies it.
        window = text[max(candidate.start() - 1, 0):candidate.end() + 1]
        for region in [*regions, None]:
            raws = [m.raw_string.strip() for m in PhoneNumberMatcher(window, region, leniency=Leniency.VALID)]
            raws = [raw for raw in raws if not raw.isdigit() or raw.startswith("00")]
            if raws:
                found.extend(raw for raw in raws if raw not in found)
                break
    return found


def _regions(doc: Document, rule: Rule) -> list[str]:
    """The rule's regions for the message's language; every listed region when it is unknown."""
    table: dict[str, list[str]] = rule.options.get("regions", {})
    if doc.lang in table:
        return table[doc.lang]
    return [region for regions in table.values() for region in regions]


def check_contact_phone(doc: Document, rule: Rule) -> Iterator[Hit]:
    if any(link.href.lower().startswith(("tel:", "callto:")) for link in doc.links):
        return
    text = doc.parts.author_text
    limit = rule.options.get("max_scan_chars", 100_000)
    if len(text) > limit:  # contact details sit at the top or in the footer; libphonenumber is slow on megabytes
        text = text[:limit // 2] + "\n" + text[-(limit // 2):]
    if find_phone_numbers(text, _regions(doc, rule)):
        return
    yield Hit(None, None, {})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    regions: dict[str, Any] = {"type": "object", "additionalProperties": {
        "type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
        "description": "Language → ISO 3166 regions used to read national numbers."}
    scan = {"type": "integer", "minimum": 1000, "description": "Characters read: the first and last half of this."}
    return [NamedCheck("contact_phone", check_contact_phone, {"regions": regions, "max_scan_chars": scan},
                       "The message offers a telephone number (a tel: link or a valid number in the text).")]
