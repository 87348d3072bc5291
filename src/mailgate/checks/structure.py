"""Structural kinds: ``header``, ``address``, ``links`` and ``signature``."""

from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import parse_qsl, urlsplit

from mailgate.addresses import host_of, in_domain_list, normalise_domain, parse_addresses, same_site
from mailgate.checks.base import Check, CheckKind, CompileContext, Hit
from mailgate.document import Document
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.safe_regex import compile_pattern

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
    local_patterns = [compile_pattern(p) for p in rule.options.get("local_parts", [])]

    def check(doc: Document) -> Iterator[Hit]:
        domains = domain_set(doc, domain_list) if domain_list else set()
        for target in read(doc):
            for display, address in parse_addresses(target.text):
                local, _, domain = address.rpartition("@")
                domain = normalise_domain(domain)
                if domains and in_domain_list(domain, domains):
                    yield Hit(target.line, target.column, {"address": address, "domain": domain, "name": display})
                elif any(p.search(local) for p in local_patterns):
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
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|de|es|pl|ru|eu|info|io|co)\b", re.IGNORECASE)
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
            yield Hit(first_line, 1, {"missing": "above" if not signature.framed_above else "below"})
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
    present = {
        "url": bool(URL.search(EMAIL.sub("", text))),
        "email": bool(EMAIL.search(text)),
        "name": any(_looks_like_full_name(line) for line in lines),
        "company": bool(doc.lexicons.matcher("company_markers", doc.lang).search(text))
        or any(_looks_like_company(line) for line in lines),
        "phone": bool(re.search(r"\+?\d[\d ()./-]{6,}\d", text)),
    }
    return [name for name in wanted if not present.get(name, True)]


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")


def _looks_like_full_name(line: str) -> bool:
    """Two or three capitalised words, no digits, no @ — "Anna Kowalska", "José García López"."""
    parts = line.strip().strip(",").split()
    return 2 <= len(parts) <= 4 and all(_NAME_WORD.match(p) and p[0].isupper() for p in parts)


def _looks_like_company(line: str) -> bool:
    return bool(re.search(r"\b(?:GmbH|AG|KG|S\.?A\.?|S\.?L\.?|sp\. z o\.o\.|Sp\. z o\.o\.|Ltd|LLC|Inc|ООО|АО|ЗАО|ПАО|OHG|e\.V\.)\b|[«\"„].+[»\"“]",
                          line))


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    patterns = {"type": "array", "items": {"type": "string"}}
    return [
        CheckKind("header", compile_header,
                  {"header": {"type": "string"}, "present": {"type": "boolean"}, "matches": patterns},
                  required=("header",), needs_target=False, description="Presence and form of a mail header."),
        CheckKind("address", compile_address,
                  {"domains": {"type": "string", "description": "List name under rules/lexicons/any/."},
                   "local_parts": patterns},
                  description="An address whose domain or local part is in (or matches) a list."),
        CheckKind("links", compile_links,
                  {"domains": {"type": "string"}, "text_shows_other_domain": {"type": "boolean"},
                   "personal_params": patterns},
                  needs_target=False, description="Per-link checks: listed domains, misleading text, personal data."),
        CheckKind("signature", compile_signature,
                  {"present": {"type": "boolean"}, "max_line_length": {"type": "integer", "minimum": 1},
                   "max_lines": {"type": "integer", "minimum": 1}, "framed": {"type": "boolean"},
                   "fields": {"type": "array", "items": {"enum": ["name", "company", "url", "email", "phone"]}},
                   "ascii_art": {"type": "boolean"}},
                  needs_target=False, description="The signature block: presence, size, frame, fields, ASCII art."),
    ]
