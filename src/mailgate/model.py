"""The values passed between loaders, the engine and the formatters."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

MESSAGE_KINDS = ("campaign", "transactional", "reply", "autoreply", "page")


class Severity(str, enum.Enum):
    """How bad a finding is; ``block`` stops the send, ``warn`` and ``info`` inform."""

    INFO = "info"
    WARN = "warn"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 1, Severity.WARN: 2, Severity.BLOCK: 3}


class Verdict(str, enum.Enum):
    """The outcome of a file or a run, in increasing order of gravity."""

    PASS = "pass"
    WARN = "warn"
    BLOCK = "block"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Verdict).index(self)

    @classmethod
    def worst(cls, verdicts: "list[Verdict]") -> "Verdict":
        return max(verdicts, key=lambda v: v.rank, default=cls.PASS)


@dataclass(frozen=True)
class Finding:
    """One rule violated at one place."""

    rule: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    source: str = ""
    fix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "source": self.source,
            "fix": self.fix,
        }


@dataclass
class FileResult:
    """Everything a run learned about one checked message or file."""

    path: str
    kind: str | None = None
    kind_reason: str = ""
    lang: str | None = None
    lang_reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    suppressed: int = 0
    preview: dict[str, Any] | None = None  # subject, from, to, html, text — kept only for the HTML report

    def verdict(self, strict: bool = False) -> Verdict:
        if self.errors:
            return Verdict.ERROR
        severities = {f.severity for f in self.findings}
        if Severity.BLOCK in severities or (strict and Severity.WARN in severities):
            return Verdict.BLOCK
        if Severity.WARN in severities:
            return Verdict.WARN
        return Verdict.PASS

    def to_dict(self, strict: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "kind_reason": self.kind_reason,
            "lang": self.lang,
            "lang_reason": self.lang_reason,
            "verdict": self.verdict(strict).value,
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": self.suppressed,
        }
        if self.errors:
            data["errors"] = list(self.errors)
        return data


@dataclass
class RunResult:
    """A whole run: per-file results plus run-level errors (a plugin that failed to load)."""

    results: list[FileResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    strict: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def verdict(self) -> Verdict:
        if self.errors:
            return Verdict.ERROR
        return Verdict.worst([r.verdict(self.strict) for r in self.results])

    def exit_code(self) -> int:
        return {Verdict.PASS: 0, Verdict.WARN: 0, Verdict.BLOCK: 1, Verdict.ERROR: 2}[self.verdict()]

    def summary(self) -> dict[str, int]:
        counts = {"files": len(self.results), "block": 0, "warn": 0, "info": 0, "errors": 0}
        for result in self.results:
            counts["errors"] += len(result.errors)
            for finding in result.findings:
                counts[finding.severity.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        from mailgate import __version__

        data: dict[str, Any] = {
            "mailgate": __version__,
            "verdict": self.verdict().value,
            **self.extra,
            "results": [r.to_dict(self.strict) for r in self.results],
            "summary": self.summary(),
        }
        if self.errors:
            data["errors"] = list(self.errors)
        return data
