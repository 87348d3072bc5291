"""The ``plugin`` kind: a rule that runs a named imperative check (``check: plugin``, ``plugin: NAME``).

Named checks come from the ``mailgate_named_checks`` hook; each declares the rule fields it
reads, and rule files are validated against them like any kind's fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from mailgate.checks.base import Check, CheckKind, CompileContext, Hit
from mailgate.document import Document
from mailgate.errors import RuleError
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.safe_regex import PATTERN_LIST_SCHEMA, PatternError, compile_pattern


@dataclass(frozen=True)
class NamedCheck:
    """An imperative check: ``run(document, rule)`` yields hits; ``properties`` are its rule fields."""

    name: str
    run: Callable[[Document, Rule], Iterable[Hit] | None]
    properties: dict[str, Any] = field(default_factory=dict)
    description: str = ""


def lexicon_option(doc: Document, rule: Rule, field: str) -> str:
    """The lexicon a named check's field names; a name no lexicon has is the rule's error, not an empty list."""
    name = str(rule.options[field])
    if name not in doc.lexicons.names():
        raise RuleError(f"unknown lexicon {name!r}", path=rule.path, rule=rule.id, field=field)
    return name


def pattern_option(doc: Document, rule: Rule, field: str, ignorecase: bool = True) -> list[Any]:
    """The RE2 patterns a field holds: inline (a list) or the name of a pattern lexicon under
    rules/lexicons/any/ (a string), which configured ``lexicon_paths`` extend."""
    value = rule.options.get(field) or []
    if isinstance(value, str):
        name = lexicon_option(doc, rule, field)
        if not doc.lexicons.files(name, "any"):
            raise RuleError(f"lexicon {name!r} is not a pattern list under rules/lexicons/any/", path=rule.path,
                            rule=rule.id, field=field)
        try:
            return doc.lexicons.patterns(name, "any", ignorecase)
        except RuleError as exc:  # the lexicon file and entry, and the rule that reads it
            raise RuleError(f"lexicon {exc}", path=rule.path, rule=rule.id, field=field) from None
    try:
        return [compile_pattern(p, ignorecase) for p in value]
    except PatternError as exc:
        raise RuleError(str(exc), path=rule.path, rule=rule.id, field=field) from None


PATTERNS_OR_LEXICON = {
    "anyOf": [{"type": "string", "description": "A pattern lexicon (syntax: re2) under rules/lexicons/any/."},
              {**PATTERN_LIST_SCHEMA, "description": "RE2 patterns."}]}


def compile_plugin(rule: Rule, ctx: CompileContext) -> Check:
    name = rule.options["plugin"]
    named = ctx.named_checks.get(name)
    if named is None:
        raise RuleError(f"unknown named check {name!r}; is its plugin installed?", path=rule.path, rule=rule.id,
                        field="plugin")

    def check(doc: Document) -> Iterator[Hit]:
        yield from named.run(doc, rule) or ()

    return check


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    return [CheckKind("plugin", compile_plugin, {"plugin": {"type": "string"}}, required=("plugin",),
                      needs_target=False, description="A named imperative check provided by a plugin.")]
