"""Find, parse, validate and build rules; a bad rule file is an error naming file, rule and field."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from mailgate import __version__
from mailgate.errors import MailgateError, RuleError
from mailgate.rules.model import Rule, rule_from_data
from mailgate.rules.schema import RuleValidator
from mailgate.validation_cache import ValidationCache, cache_enabled
from mailgate.yamlio import load_yaml_text


def rule_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.yaml") if p.is_file()))
        else:
            found.append(path)
    return found


def load_rules(paths: Iterable[Path], validator: RuleValidator, use_cache: bool = True) -> list[Rule]:
    """Load every rule file; validated files are remembered by content hash so start-up stays fast."""
    cache = rule_validation_cache(validator) if cache_enabled(use_cache) else None
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files(paths):
        rule = load_rule_file(path, validator, cache)
        if rule.id in seen:
            raise RuleError(f"duplicate rule id, also defined in {seen[rule.id]}", path=str(path), rule=rule.id,
                            field="id")
        seen[rule.id] = str(path)
        rules.append(rule)
    if cache is not None:
        cache.save()
    return rules


def load_rule_file(path: Path, validator: RuleValidator, cache: "ValidationCache | None" = None) -> Rule:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror or exc}", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError("rule file is not UTF-8", path=str(path)) from None
    try:
        data = load_yaml_text(text, str(path))
    except MailgateError as exc:
        raise RuleError(str(exc).replace(f"{path}: ", ""), path=str(path)) from None
    digest = hashlib.sha1(raw).hexdigest()
    if cache is None or not cache.known(digest):
        validator.validate(data, str(path))
        if cache is not None:
            cache.add(digest)
    return rule_from_data(data, str(path))


def rule_validation_cache(validator: RuleValidator) -> ValidationCache:
    """Validated rule files, for the current rule schema, check kinds and named checks."""
    from mailgate.rules.schema import load_schema

    schema_key = json.dumps([__version__, load_schema("rule"),
                             {n: k.properties for n, k in sorted(validator.kinds.items())},
                             {n: c.properties for n, c in sorted(validator.named.items())}],
                            sort_keys=True, default=str)
    return ValidationCache("validated", schema_key)


def validate_rule_file(path: Path, validator: RuleValidator) -> Rule:
    """Validate one file without the cache (``mailgate rules validate``)."""
    return load_rule_file(path, validator)


def example_documents(rule: Rule, which: str) -> list[dict[str, Any]]:
    """A rule's bad or good examples as dicts with at least ``text``."""
    items = rule.examples.get(which, [])
    return [item if isinstance(item, dict) else {"text": item} for item in items]
