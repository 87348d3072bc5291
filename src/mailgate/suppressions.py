"""Inline suppressions in comments that never reach a recipient, and the report of unused ones.

Accepted forms: ``{# mailgate: disable=rule-a,rule-b #}`` (Jinja/Liquid/Nunjucks),
``{{!-- mailgate: disable=rule-a --}}`` (Handlebars), ``<!-- mailgate: disable=rule-a -->``,
and a line ``mailgate: disable=rule-a`` in a text draft. A suppression covers the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mailgate.model import Finding, Severity
from mailgate.rules.model import Rule

_DIRECTIVE = re.compile(r"mailgate:\s*disable\s*[=:]?\s*([a-z0-9][a-z0-9\-]*(?:\s*,\s*[a-z0-9][a-z0-9\-]*)*)",
                        re.IGNORECASE)
UNUSED_RULE_ID = "unused-suppression"


@dataclass
class Suppression:
    rule: str
    line: int
    column: int
    used: bool = False


@dataclass
class Suppressions:
    items: list[Suppression] = field(default_factory=list)

    def covers(self, rule_id: str) -> Suppression | None:
        return next((s for s in self.items if s.rule == rule_id), None)


def parse_suppressions(source: str) -> Suppressions:
    found = Suppressions()
    if "mailgate:" not in source:
        return found
    for match in _DIRECTIVE.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        column = match.start() - (source.rfind("\n", 0, match.start()) + 1) + 1
        for rule_id in match.group(1).split(","):
            found.items.append(Suppression(rule_id.strip().lower(), line, column))
    return found


def apply_suppressions(findings: list[Finding], suppressions: Suppressions, rules: dict[str, Rule],
                       active: set[str]) -> tuple[list[Finding], int]:
    """Drop suppressed findings; return the kept ones (plus unused/invalid suppressions) and the count."""
    if not suppressions.items:
        return findings, 0
    kept: list[Finding] = []
    dropped = 0
    for finding in findings:
        suppression = suppressions.covers(finding.rule)
        rule = rules.get(finding.rule)
        if suppression is not None and rule is not None and rule.suppressible:
            suppression.used = True
            dropped += 1
        else:
            kept.append(finding)
    for item in suppressions.items:
        if item.used:
            continue
        rule = rules.get(item.rule)
        if rule is None:
            reason = f"suppression names unknown rule {item.rule!r}"
        elif not rule.suppressible:
            reason = f"{item.rule!r} is a legal requirement and cannot be suppressed"
        elif item.rule not in active:
            reason = f"suppression of {item.rule!r} is unused: the rule does not run on this file"
        else:
            reason = f"suppression of {item.rule!r} is unused: the rule found nothing here"
        kept.append(Finding(UNUSED_RULE_ID, Severity.WARN, reason, item.line, item.column, "mailgate",
                            "Remove the suppression comment."))
    return kept, dropped
