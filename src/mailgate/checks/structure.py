"""Structural kinds: ``header``, ``address``, ``links`` and ``signature``."""

from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import parse_qsl, urlsplit

from mailgate.addresses import host_of, in_domain_list, local_part_matches, normalise_domain, parse_addresses, same_site
from mailgate.checks.base import Check, CheckKind, CompileContext, Hit
from mailgate.checks.named import PATTERNS_OR_LEXICON, pattern_option
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.safe_regex import PATTERN_LIST_SCHEMA, compile_pattern

DOMAIN_SHOWN = re.compile(r"(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?$", re.IGNORECASE)
EMAIL_IN_TEXT = re.compile(r"[^\s@/?&=]+@[^\s@/?&=]+\.[a-z]{2,}", re.IGNORECASE)
MERGE_TAG_FIELD = re.compile(r"^\s*(?:\{\{\{?|\*\||<?%|\$\{|\{)\s*([\w.]+)")


def domain_set(doc: Document, name: str) -> set[str]:
    return {normalise_domain(d) for d in doc.lexicons.entries(name, "any")}


# -- header -----------------------------------------------------------------------------------

def compile_header(rule: Rule, ctx: CompileContext) -> Check:
    name = rule.options["header"]
    patterns = [compile_pattern(p) for p in rule.options.get("matches", [])]
    must_exist = rule.options.get("present", True)

    def check(doc: Document) -> Iterator[Hit]:
        values = doc.message.header_values(name)
        line = doc.locator.line_of_prefix(name + ":") if values else None
        if not values:
            if must_exist:
                yield Hit(None, None, {"header": name, "problem": "missing"})
            return
        if not must_exist:
            yield Hit(line, 1, {"header": name, "problem": "present", "value": values[0]})
            return
        for pattern in patterns:
            if not any(pattern.search(v) for v in values):
                yield Hit(line, 1, {"header": name, "problem": "malformed", "value": values[0][:120]})
                return

    return check


# -- address ----------------------------------------------------------------------------------

def compile_address(rule: Rule, ctx: CompileContext) -> Check:
    read = ctx.target(rule.target or "from")
    domain_list = rule.options.get("domains")

    normalised: dict[str, Any] = {}

    def check(doc: Document) -> Iterator[Hit]:
        if "domains" not in normalised:  # once per compiled rule (IDNA for 150 domains cost 3 ms a message)
            normalised["domains"] = domain_set(doc, domain_list) if domain_list else set()
            normalised["local_parts"] = pattern_option(doc, rule, "local_parts")
        domains, local_patterns = normalised["domains"], normalised["local_parts"]
        for target in read(doc):
            for display, address in parse_addresses(target.text):
                domain = normalise_domain(address.rpartition("@")[2])
                if domains and in_domain_list(domain, domains):
                    yield Hit(target.line, target.column, {"address": address, "domain": domain, "name": display})
                elif local_part_matches(address, local_patterns):
                    yield Hit(target.line, target.column, {"address": address, "domain": domain, "name": display})

    return check


# -- links ------------------------------------------------------------------------------------

def compile_links(rule: Rule, ctx: CompileContext) -> Check:
    options = rule.options
    personal = [p.casefold() for p in options.get("personal_params", [])]
    normalised: dict[str, set[str]] = {}

    def problems(doc: Document, href: str, text: str, domains: set[str]) -> dict[str, Any] | None:
        host = host_of(href)
        if domains and host and in_domain_list(host, domains):
            return {"href": href, "domain": host}
        if options.get("text_shows_other_domain") and host and not href.lower().startswith("mailto:"):
            shown = DOMAIN_SHOWN.match(text.strip())
            if shown and not same_site(normalise_domain(shown.group(1)), host):
                return {"href": href, "domain": host, "shown": shown.group(1)}
        if personal and href.lower().startswith(("http://", "https://")):
            try:
                query = urlsplit(href).query
            except ValueError:
                return None
            for key, value in parse_qsl(query, keep_blank_values=True):
                if key.casefold() in personal or EMAIL_IN_TEXT.search(value) or _names_personal_field(value, personal):
                    return {"href": href, "domain": host, "param": key}
        return None

    def check(doc: Document) -> Iterator[Hit]:
        """One finding per distinct link: a template repeats its tracking link on every button."""
        if "domains" not in normalised:  # once per compiled rule: its rule set has one set of lexicons
            normalised["domains"] = domain_set(doc, options["domains"]) if options.get("domains") else set()
        domains = normalised["domains"]
        reported: set[tuple[str, str]] = set()
        for link in doc.links:
            found = problems(doc, link.href, link.text, domains)
            key = (link.href, str(found.get("shown", ""))) if found else ("", "")
            if found and key not in reported:
                reported.add(key)
                line, column = (link.line, link.column) if link.line else doc.locate(link.href.split("&")[0])
                yield Hit(line, column, found)

    return check


def _names_personal_field(value: str, personal: list[str]) -> bool:
    """A merge tag that will put personal data there: ``*|EMAIL|*``, ``{{ contact.first_name }}``."""
    tag = MERGE_TAG_FIELD.match(value)
    return bool(tag) and tag.group(1).rsplit(".", 1)[-1].casefold() in personal


# -- signature --------------------------------------------------------------------------------

ASCII_ART = re.compile(r"[|/\\_()<>^=*#~+-]{4,}|(?:[|/\\][^\w\s]){2,}")
# A link, or a bare lower-case domain ("gartenbau.nl", "o2.pl"); "Dr.Med" and "sp. z o.o." are not domains.
URL = re.compile(r"(?i:https?://|www\.)\S+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def compile_signature(rule: Rule, ctx: CompileContext) -> Check:
    options = rule.options

    def check(doc: Document) -> Iterator[Hit]:
        signature = doc.signature
        if signature is None:
            if options.get("present"):
                yield Hit(None, None, {})
            return
        first_line, _ = doc.locate(signature.lines[0])
        if "max_line_length" in options:
            for offset, line in enumerate(signature.lines):
                if len(line.strip()) > options["max_line_length"]:
                    line_no, column = doc.locate(line.strip()[:60])
                    yield Hit(line_no, column, {"actual": len(line.strip()), "max": options["max_line_length"],
                                                "line_text": line.strip()[:40]})
        if "max_lines" in options:
            count = len([line for line in signature.lines if line.strip()])
            if count > options["max_lines"]:
                yield Hit(first_line, 1, {"actual": count, "max": options["max_lines"]})
        if options.get("framed") and not (signature.framed_above and signature.framed_below):
            missing = [side for side, framed in (("above", signature.framed_above), ("below", signature.framed_below))
                       if not framed]
            yield Hit(first_line, 1, {"missing": " or ".join(missing)})
        if options.get("fields"):
            missing = _missing_fields(doc, signature.lines, options["fields"])
            if missing:
                yield Hit(first_line, 1, {"missing": ", ".join(missing)})
        if options.get("ascii_art"):
            art = [line for line in signature.lines if ASCII_ART.search(line) and not _is_rule_line(line)]
            if art:
                line_no, column = doc.locate(art[0].strip())
                yield Hit(line_no, column, {"line_text": art[0].strip()[:40]})

    return check


def _is_rule_line(line: str) -> bool:
    from mailgate.text.reply import HORIZONTAL_RULE

    return bool(HORIZONTAL_RULE.match(line))


def _missing_fields(doc: Document, lines: tuple[str, ...], wanted: list[str]) -> list[str]:
    text = "\n".join(lines)
    without_addresses = URL.sub(" ", EMAIL.sub(" ", text))
    present = {
        "url": bool(URL.search(EMAIL.sub("", text))),
        "email": bool(EMAIL.search(text)),
        "name": any(_looks_like_full_name(segment) for line in lines for segment in _segments(line)[:1]),
        # A company's legal form in any language (a German GmbH signs English mail too), a quoted
        # name (ООО «Ромашка»), or a line naming the site the signature links to ("Garden Shop").
        "company": bool(doc.lexicons.matcher("company_markers", None).search(without_addresses))
        or bool(QUOTED_NAME.search(text)) or _names_own_domain(lines, text),
        "phone": bool(re.search(r"\+?\d[\d ()./-]{6,}\d", text)),
    }
    return [name for name in wanted if not present.get(name, True)]


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")
_SEGMENT_SEPARATORS = re.compile(r"\s*(?:[,|·•/]|\s[-–—]\s)\s*")
QUOTED_NAME = re.compile(r"[«\"„“][^«»\"„“”\n]{2,40}[»\"“”]")
_SITE_LABEL = re.compile(r"(?:https?://|www\.|@)(?:www\.)?([\w-]+)\.", re.IGNORECASE)


def _segments(line: str) -> list[str]:
    """'Anna Kowalska | Garden Shop Ltd' → ['Anna Kowalska', 'Garden Shop Ltd']."""
    return [part for part in _SEGMENT_SEPARATORS.split(line.strip()) if part]


def _looks_like_full_name(segment: str) -> bool:
    """Two to four capitalised words, no digits, no @ — "Anna Kowalska", "José García López"."""
    parts = segment.strip().split()
    return 2 <= len(parts) <= 4 and all(_NAME_WORD.match(p) and p[0].isupper() for p in parts)


def _names_own_domain(lines: tuple[str, ...], text: str) -> bool:
    """A segment whose letters spell the website's or email's domain label: "Garden Shop" / gardenshop.example."""
    labels = {re.sub(r"[\W_]", "", label).casefold() for label in _SITE_LABEL.findall(text)}
    labels.discard("")
    for line in lines:
        for segment in _segments(line):
            if "@" in segment or "://" in segment:
                continue
            letters = re.sub(r"[\W_\d]", "", segment).casefold()
            if len(letters) >= 3 and any(letters in label or label in letters for label in labels):
                return True
    return False


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    return [
        CheckKind("header", compile_header,
                  {"header": {"type": "string"}, "present": {"type": "boolean"}, "matches": PATTERN_LIST_SCHEMA},
                  required=("header",), needs_target=False, description="Presence and form of a mail header."),
        CheckKind("address", compile_address,
                  {"domains": {"type": "string", "description": "List name under rules/lexicons/any/."},
                   "local_parts": PATTERNS_OR_LEXICON},
                  description="An address whose domain or local part is in (or matches) a list."),
        CheckKind("links", compile_links,
                  {"domains": {"type": "string"}, "text_shows_other_domain": {"type": "boolean"},
                   "personal_params": {"type": "array", "items": {"type": "string"}}},
                  needs_target=False, description="Per-link checks: listed domains, misleading text, personal data."),
        CheckKind("signature", compile_signature,
                  {"present": {"type": "boolean"}, "max_line_length": {"type": "integer", "minimum": 1},
                   "max_lines": {"type": "integer", "minimum": 1}, "framed": {"type": "boolean"},
                   "fields": {"type": "array", "items": {"enum": ["name", "company", "url", "email", "phone"]}},
                   "ascii_art": {"type": "boolean"}},
                  needs_target=False, description="The signature block: presence, size, frame, fields, ASCII art."),
    ]
