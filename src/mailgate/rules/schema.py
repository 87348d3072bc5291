"""JSON Schemas for rule files: the common part from rules/schemas/, each kind's own fields.

One validator per check kind is built and reused (re-checking the schema per rule costs
~45x). jsonschema is imported only when a file actually needs validating.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mailgate.builtin import rules_root
from mailgate.errors import RuleError

if TYPE_CHECKING:
    from mailgate.checks.base import CheckKind
    from mailgate.checks.named import NamedCheck


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    path = rules_root() / "schemas" / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def rule_schema(kind: "CheckKind | None") -> dict[str, Any]:
    """The common schema, extended with a kind's properties; unknown fields are errors."""
    schema = json.loads(json.dumps(load_schema("rule")))
    if kind is not None:
        schema["properties"].update(kind.properties)
        schema["required"] = list(dict.fromkeys([*schema["required"], *kind.required]))
        if kind.needs_target and "target" not in schema["required"]:
            schema["required"].append("target")
    schema["additionalProperties"] = False
    return schema


class RuleValidator:
    """Validates rule documents, naming the file, the rule and the field of the first error."""

    def __init__(self, kinds: "dict[str, CheckKind]", named: "dict[str, NamedCheck] | None" = None) -> None:
        self.kinds = kinds
        self.named = named or {}
        self._validators: dict[tuple[str | None, str | None], Any] = {}

    def _validator(self, kind_name: str | None, named_name: str | None) -> Any:
        key = (kind_name, named_name)
        if key not in self._validators:
            from jsonschema import Draft202012Validator, FormatChecker

            from mailgate.safe_regex import RE2_FORMAT, PatternError, is_re2_pattern

            checker = FormatChecker(())
            checker.checks(RE2_FORMAT, raises=PatternError)(is_re2_pattern)
            kind = self.kinds.get(kind_name) if kind_name else None
            schema = rule_schema(kind)
            if named_name in self.named:
                schema["properties"].update(self.named[named_name].properties)
            self._validators[key] = Draft202012Validator(schema, format_checker=checker)
        return self._validators[key]

    def validate(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise RuleError("a rule file must hold one mapping (id:, title:, check: …)", path=path)
        rule_id = data.get("id") if isinstance(data.get("id"), str) else None
        kind_name = data.get("check")
        if isinstance(kind_name, str) and kind_name not in self.kinds:
            known = ", ".join(sorted(self.kinds))
            raise RuleError(f"unknown check kind {kind_name!r} (known: {known}); is its plugin installed?",
                            path=path, rule=rule_id, field="check")
        named_name = data.get("plugin") if kind_name == "plugin" else None
        if isinstance(named_name, str) and named_name not in self.named:
            raise RuleError(f"unknown named check {named_name!r}; is its plugin installed?", path=path, rule=rule_id,
                            field="plugin")
        validator = self._validator(kind_name if isinstance(kind_name, str) else None,
                                    named_name if isinstance(named_name, str) else None)
        errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
        if errors:
            error = _most_specific(errors[0])
            field = ".".join(str(p) for p in error.absolute_path) or _missing_field(error) or "(rule)"
            message = str(error.cause) if error.validator == "format" and error.cause else error.message
            raise RuleError(_short(message), path=path, rule=rule_id, field=field)


def _most_specific(error: Any) -> Any:
    """For a field that may be a lexicon name or a pattern list, "not valid under any of the given
    schemas" hides the real problem: a pattern RE2 refuses."""
    return next((sub for sub in error.context or () if sub.validator == "format"), error)


def _missing_field(error: Any) -> str | None:
    if error.validator == "required":
        return error.message.split("'")[1] if "'" in error.message else None
    if error.validator == "additionalProperties":
        return error.message.split("'")[1] if "'" in error.message else None
    return None


def _short(message: str) -> str:
    return message if len(message) <= 300 else message[:297] + "..."
