"""A rule as loaded from its YAML file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mailgate.model import Severity

COMMON_FIELDS = frozenset({"id", "title", "description", "source", "applies_to", "severity", "check", "target",
                           "message", "fix", "suppressible", "formats", "tags", "examples"})
# Legal requirements: no inline comment may switch these off (DESIGN.md).
NOT_SUPPRESSIBLE_BY_LAW = frozenset({"unsubscribe-link", "list-unsubscribe-header", "physical-address",
                                     "consent-missing", "suppressed-recipient"})


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    check: str
    message: str
    fix: str
    applies_to: tuple[str, ...]
    severity: Severity
    severity_by_kind: dict[str, Severity] = field(default_factory=dict)
    target: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    suppressible: bool = True
    formats: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[Any]] = field(default_factory=dict)
    path: str = ""

    def applies(self, kind: str, fmt: str) -> bool:
        kind_ok = "all" in self.applies_to or kind in self.applies_to
        return kind_ok and (not self.formats or fmt in self.formats)

    def severity_for(self, kind: str | None) -> Severity:
        return self.severity_by_kind.get(kind or "", self.severity)

    @property
    def source_text(self) -> str:
        if "standard" in self.source and "doc" not in self.source:
            return str(self.source["standard"])
        doc = str(self.source.get("doc", ""))
        item = self.source.get("item")
        if item is None:
            return doc
        return f"{doc} §{item}" if str(item).isdigit() else f"{doc} ({item})"

    def with_overrides(self, severity: Severity | None, options: dict[str, Any]) -> "Rule":
        """A copy with configured severity and thresholds (configuration wins over the file)."""
        changes: dict[str, Any] = {}
        if severity is not None:
            changes["severity"] = severity
            changes["severity_by_kind"] = {}
        if options:
            changes["options"] = {**self.options, **options}
        return replace(self, **changes) if changes else self


def rule_from_data(data: dict[str, Any], path: str) -> Rule:
    severity = data["severity"]
    if isinstance(severity, dict):
        by_kind = {k: Severity(v) for k, v in severity.items() if k != "default"}
        default = Severity(severity.get("default", max(by_kind.values(), key=lambda s: s.rank).value))
    else:
        by_kind, default = {}, Severity(severity)
    rule_id = data["id"]
    return Rule(
        id=rule_id,
        title=data["title"],
        check=data["check"],
        message=data["message"].strip(),
        fix=data["fix"].strip(),
        applies_to=tuple(data["applies_to"]),
        severity=default,
        severity_by_kind=by_kind,
        target=data.get("target"),
        source=dict(data.get("source") or {}),
        description=data.get("description", "").strip(),
        suppressible=bool(data.get("suppressible", True)) and rule_id not in NOT_SUPPRESSIBLE_BY_LAW,
        formats=tuple(data.get("formats", ())),
        options={k: v for k, v in data.items() if k not in COMMON_FIELDS},
        examples=data.get("examples") or {},
        path=path,
    )
