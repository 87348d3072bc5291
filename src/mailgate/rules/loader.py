"""Find, parse, validate and build rules; a bad rule file is an error naming file, rule and field."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

from mailgate import __version__
from mailgate.errors import MailgateError, RuleError
from mailgate.rules.model import Rule, rule_from_data
from mailgate.rules.schema import RuleValidator
from mailgate.yamlio import load_yaml_text

CACHE_ENV = "MAILGATE_CACHE_DIR"
NO_CACHE_ENV = "MAILGATE_NO_CACHE"


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
    cache = ValidationCache(validator) if use_cache and not os.environ.get(NO_CACHE_ENV) else None
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
    if cache is None or not cache.known(raw):
        validator.validate(data, str(path))
        if cache is not None:
            cache.add(raw)
    return rule_from_data(data, str(path))


class ValidationCache:
    """Content hashes of rule files already validated against the current schemas and kinds."""

    def __init__(self, validator: RuleValidator) -> None:
        base = Path(os.environ.get(CACHE_ENV) or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mailgate")
        from mailgate.rules.schema import load_schema

        schema_key = json.dumps([__version__, load_schema("rule"),
                                 {n: k.properties for n, k in sorted(validator.kinds.items())},
                                 {n: c.properties for n, c in sorted(validator.named.items())}],
                                sort_keys=True, default=str)
        self._salt = hashlib.sha1(schema_key.encode()).hexdigest()[:16]
        self.path = base / f"validated-{self._salt}.json"
        self._known: set[str] = set()
        self._dirty = False
        try:
            self._known = set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self._known = set()

    def _digest(self, raw: bytes) -> str:
        return hashlib.sha1(raw).hexdigest()

    def known(self, raw: bytes) -> bool:
        return self._digest(raw) in self._known

    def add(self, raw: bytes) -> None:
        self._known.add(self._digest(raw))
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(json.dumps(sorted(self._known)), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            pass  # a read-only home only costs speed


def validate_rule_file(path: Path, validator: RuleValidator) -> Rule:
    """Validate one file without the cache (``mailgate rules validate``)."""
    return load_rule_file(path, validator)


def example_documents(rule: Rule, which: str) -> list[dict[str, Any]]:
    """A rule's bad or good examples as dicts with at least ``text``."""
    items = rule.examples.get(which, [])
    return [item if isinstance(item, dict) else {"text": item} for item in items]
