"""The ``manifest`` check kind: fields of the campaign manifest, and what the gate learned about it.

Rules read ``doc.manifest`` (set by the gate). Without a manifest (``mailgate check`` on a
template) they stay silent, except where a rule names front-matter fields to read for
some message kinds (an auto-reply draft's ``reviewed_by``). Modes, one per rule:

- ``field`` + ``require: present|absent`` (+ ``min_words``): a field must be filled / empty.
- ``fact`` + ``max``: a number the gate measured (``excluded_ratio``, ``suppression_age_hours``).
- ``senders: true``: the sender looks like another department's registered sender (config ``senders``).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any, Iterator

from mailgate.addresses import normalise_address
from mailgate.checks.base import Check, CheckKind, CompileContext, Hit
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule

# Characters people (and spoofers) swap in names that should look alike.
_SKELETON = str.maketrans({"0": "o", "1": "l", "|": "l", "3": "e", "5": "s", "@": "a", "$": "s"})


def field_value(manifest: Any, dotted: str) -> Any:
    value = manifest
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    if isinstance(value, dict) and set(value) >= {"name"}:
        return value.get("name")
    return value


def is_blank(value: Any) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return not any(not is_blank(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def field_line(source: str, dotted: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(dotted.split('.')[-1])}\s*:", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else None


def _field_check(rule: Rule) -> Check:
    options = rule.options
    dotted, require = options["field"], options.get("require", "present")
    min_words = options.get("min_words", 0)
    fallback = options.get("front_matter") or {}

    def check(doc: Any) -> Iterator[Hit]:
        if doc.manifest is not None:
            value, line = field_value(doc.manifest, dotted), field_line(doc.message.source, dotted)
            where = f"the manifest's '{dotted}'"
        elif doc.kind in fallback.get("kinds", ()):
            names = fallback.get("fields", [])
            value = next((doc.message.fields.get(n) for n in names if not is_blank(doc.message.fields.get(n))), None)
            line, where = 1, "front matter " + " or ".join(f"'{n}'" for n in names)
        else:
            return
        if require == "absent":
            if not is_blank(value):
                shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                yield Hit(line, 1, {"field": dotted, "where": where, "value": shown})
            return
        if is_blank(value):
            yield Hit(line, 1, {"field": dotted, "where": where, "problem": "missing"})
        elif min_words and len(str(value).split()) < min_words:
            yield Hit(line, 1, {"field": dotted, "where": where, "value": str(value),
                                "problem": f"only {len(str(value).split())} word(s)"})

    return check


def _fact_check(rule: Rule) -> Check:
    name, limit = rule.options["fact"], rule.options["max"]

    def check(doc: Any) -> Iterator[Hit]:
        facts = getattr(doc.manifest, "facts", None)
        value = facts.get(name) if facts else None
        if value is not None and value > limit:
            yield Hit(None, None, {**facts, "actual": value, "max": limit})

    return check


def skeleton(text: str) -> str:
    """Lower-case, compatibility-folded, punctuation-free: "Shop-News" and "SHOP NEWS" look alike."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_SKELETON)
    return "".join(ch for ch in folded if ch.isalnum())


def _senders_check(rule: Rule) -> Check:
    threshold = rule.options.get("min_similarity", 0.8)

    def check(doc: Any) -> Iterator[Hit]:
        if doc.manifest is None:
            return
        sender = doc.manifest.get("sender") or {}
        department = str(doc.manifest.get("department", "")).casefold()
        name, address = str(sender.get("name") or ""), normalise_address(str(sender.get("address") or ""))
        line = field_line(doc.message.source, "sender")
        for other in doc.settings.get("senders") or []:
            if str(other.get("department", "")).casefold() == department:
                continue
            other_name, other_address = str(other.get("name") or ""), normalise_address(str(other.get("address") or ""))
            similarity = _similarity(name, other_name)
            if (address and address == other_address) or similarity >= threshold:
                yield Hit(line, 1, {"name": name, "address": address, "other_department": other.get("department", "?"),
                                    "other_name": other_name, "other_address": other_address,
                                    "similarity": round(similarity, 2)})

    return check


def _similarity(a: str, b: str) -> float:
    left, right = skeleton(a), skeleton(b)
    if not left or not right:
        return 0.0
    return SequenceMatcher(None, left, right).ratio()


def compile_manifest(rule: Rule, ctx: CompileContext) -> Check:
    options = rule.options
    if options.get("senders"):
        return _senders_check(rule)
    if "fact" in options:
        return _fact_check(rule)
    return _field_check(rule)


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    return [CheckKind("manifest", compile_manifest, {
        "field": {"type": "string", "description": "dotted path in campaign.yaml (purpose, approver, data_sharing.third_parties)"},
        "require": {"enum": ["present", "absent"]},
        "min_words": {"type": "integer", "minimum": 1},
        "front_matter": {"type": "object", "required": ["kinds", "fields"], "additionalProperties": False,
                         "properties": {"kinds": {"type": "array", "items": {"type": "string"}},
                                        "fields": {"type": "array", "items": {"type": "string"}}}},
        "fact": {"enum": ["excluded_ratio", "suppression_age_hours"]},
        "max": {"type": "number", "minimum": 0},
        "senders": {"type": "boolean"},
        "min_similarity": {"type": "number", "minimum": 0, "maximum": 1},
    }, needs_target=False,
        description="Fields of the campaign manifest and the gate's measurements of it (`mailgate gate`).")]
