"""Human output grouped per file, like ruff and yamllint; coloured on a terminal only."""

from __future__ import annotations

from collections import Counter

from mailgate.model import RunResult
from mailgate.report.base import FormatOptions
from mailgate.report.escape import inert

_COLORS = {"block": "\033[31m", "warn": "\033[33m", "info": "\033[36m", "error": "\033[1;31m", "path": "\033[1m",
           "dim": "\033[2m", "rule": "\033[35m"}
_RESET = "\033[0m"


def render_text(run: RunResult, options: FormatOptions) -> str:
    def paint(text: str, style: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if options.color else text

    lines: list[str] = []
    for error in run.errors:
        lines.append(paint("error: ", "error") + inert(error))
    for result in run.results:
        if not result.findings and not result.errors:
            continue
        about = ", ".join(p for p in (result.kind and f"{result.kind}", result.lang and f"lang {result.lang}") if p)
        lines.append(paint(inert(result.path), "path") + (paint(f"  ({inert(about)})", "dim") if about else ""))
        for error in result.errors:
            lines.append(f"  {paint('error', 'error')}  {inert(error)}")
        for finding in result.findings:
            where = f"{finding.line}:{finding.column or 1}" if finding.line else "-"
            severity = finding.severity.value
            lines.append(f"  {where:>7}  {paint(f'{severity:<5}', severity)}  {inert(finding.message)}  "
                         f"{paint(finding.rule, 'rule')}")
            if finding.fix:
                lines.append(f"  {'':>7}  {'':<5}  {paint('fix: ' + inert(finding.fix), 'dim')}")
        lines.append("")
    if options.statistics:
        counts = Counter((f.rule, f.severity.value) for r in run.results for f in r.findings)
        for (rule, severity), count in counts.most_common():
            lines.append(f"{count:>6}  {severity:<5}  {rule}")
        if counts:
            lines.append("")
    summary = run.summary()
    verdict = run.verdict().value
    files = f"{summary['files']} file{'s' if summary['files'] != 1 else ''}"
    totals = f"{summary['block']} block, {summary['warn']} warn, {summary['info']} info"
    if summary["errors"]:
        totals += f", {summary['errors']} error{'s' if summary['errors'] != 1 else ''}"
    style = {"pass": "dim", "warn": "warn", "block": "block", "error": "error"}[verdict]
    lines.append(f"{paint(verdict.upper(), style)}: {files} checked; {totals}.")
    return "\n".join(lines) + "\n"
