"""Named checks on personalisation tokens (merge tags) of Jinja, Liquid, Handlebars, Mailchimp …

``merge_tag_unresolved`` reads a rendered message (.eml): any token left in what the
recipient sees is a visible templating failure ("Dear {{first_name}}"). The token syntaxes
are RE2 patterns in the rule file. ``merge_tag_fallback`` reads a template: a token that
carries personal data must have a default or sit inside a conditional on the same field,
otherwise an empty field renders "Hello ," (the Spanish source, norm 13: the human touch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.document import Document
from mailgate.errors import RuleError
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.safe_regex import PATTERN_LIST_SCHEMA, PatternError, compile_pattern
from mailgate.templating import strip_template_comments
from mailgate.text.locate import Locator

# -- unresolved tokens in a rendered message ----------------------------------------------------


def check_unresolved(doc: Document, rule: Rule) -> Iterator[Hit]:
    listed = rule.options.get("patterns", [])
    if not listed:
        return
    try:  # one alternation: a single scan per place instead of one per pattern
        pattern = compile_pattern("|".join(f"(?:{p})" for p in listed), False)
    except PatternError as exc:
        raise RuleError(str(exc), path=rule.path, rule=rule.id, field="patterns") from None
    places = [("subject", doc.field("subject")), ("preheader", doc.preheader), ("text", doc.text),
              *(("link", link.href) for link in doc.links)]
    if doc.message.html is not None and doc.message.plain:
        places.append(("text/plain part", doc.message.plain))  # the alternative some readers see
    seen: set[str] = set()
    for place, text in places:
        for match in pattern.finditer(text):  # leftmost-first: "{{ x }}" is found before the "{ x }" inside it
            token = match.group()
            if token in seen:
                continue
            seen.add(token)
            line, column = (doc.field_line("subject"), 1) if place == "subject" else doc.locate(token)
            yield Hit(line, column, {"token": token, "place": place})


# -- personal tokens without a fallback in a template ------------------------------------------

_CURLY = re.compile(r"\{\{\{?-?\s*(.*?)\s*-?\}?\}\}", re.DOTALL)
_MAILCHIMP = re.compile(r"\*\|([A-Z0-9_:]+)\|\*")
_IDENTIFIER = re.compile(r"[A-Za-z_\u00C0-\u024F\u0400-\u04FF][\w.\[\]'\"-]*")
# Opening and closing conditionals: Jinja/Liquid {% if x %}, Handlebars {{#if x}}, Mailchimp *|IF:X|*.
_GUARD_OPEN = re.compile(r"\{%-?\s*(?:if|elif|unless)\s+(.*?)-?%\}|\{\{#(?:if|unless|with)\s+(.*?)\}\}|\*\|(?:IF|IFNOT):([A-Z0-9_]+)[^|]*\|\*",
                         re.DOTALL)
_GUARD_CLOSE = re.compile(r"\{%-?\s*(?:endif|endunless)\s*-?%\}|\{\{/(?:if|unless|with)\s*\}\}|\*\|END:IF\|\*")
_DEFAULTED = re.compile(r"\|\s*(?:default|d|default_if_none|fallback)\b|\s(?:or|\?\?|\|\|)\s|\bdefault\s*=", re.IGNORECASE)
_CONTROL_PREFIXES = ("#", "/", "^", "!", ">", "else", "&")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    field: str
    has_default: bool


def normalise_field(name: str) -> str:
    """'contact.first_name', "user['FirstName']", 'FNAME' → 'firstname', 'firstname', 'fname'."""
    parts = [part for part in re.split(r"[.\[\]'\"]+", name) if part]
    return re.sub(r"[\W_]+", "", parts[-1] if parts else "").casefold()


def template_tokens(source: str) -> Iterator[Token]:
    for match in _CURLY.finditer(source):
        expression = match.group(1).strip()
        if not expression or expression.startswith(_CONTROL_PREFIXES):
            continue
        words = expression.split()
        subject = words[1] if words[0] in {"insert", "default"} and len(words) > 1 else expression
        identifier = _IDENTIFIER.match(subject)
        if identifier:
            yield Token(match.group(), match.start(), normalise_field(identifier.group()),
                        bool(_DEFAULTED.search(expression)) or words[0] == "default")
    for match in _MAILCHIMP.finditer(source):
        if ":" not in match.group(1):
            yield Token(match.group(), match.start(), normalise_field(match.group(1)), False)


def guarded_spans(source: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, fields tested) of each conditional block, closed by the next closing tag."""
    spans = []
    for match in _GUARD_OPEN.finditer(source):
        condition = next(g for g in match.groups() if g is not None)
        fields = frozenset(normalise_field(word) for word in _IDENTIFIER.findall(condition))
        close = _GUARD_CLOSE.search(source, match.end())
        spans.append((match.end(), close.start() if close else len(source), fields))
    return spans


def check_fallback(doc: Document, rule: Rule) -> Iterator[Hit]:
    personal = frozenset(normalise_field(str(f)) for f in doc.lexicons.entries(rule.options.get("fields",
                                                                                                 "personal_merge_fields"), "any"))
    source = strip_template_comments(doc.message.source)
    locator = Locator(source)
    guards = guarded_spans(source)
    reported: set[str] = set()
    for token in template_tokens(source):
        if token.has_default or token.field not in personal or token.text in reported:
            continue
        if any(start <= token.start < end and token.field in fields for start, end, fields in guards):
            continue
        reported.add(token.text)
        line, column = locator.position(token.start)
        yield Hit(line, column, {"token": " ".join(token.text.split())})


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [
        NamedCheck("merge_tag_unresolved", check_unresolved,
                   {"patterns": {**PATTERN_LIST_SCHEMA, "description": "RE2 patterns of template tokens (case-sensitive)."}},
                   "Template tokens left in the subject, preheader, text or links of a rendered message."),
        NamedCheck("merge_tag_fallback", check_fallback,
                   {"fields": {"type": "string", "description": "List under rules/lexicons/any/ of personal fields."}},
                   "Personal merge fields without a default value or an enclosing conditional."),
    ]
