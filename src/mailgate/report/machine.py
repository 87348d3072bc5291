"""Machine formats: json (the contract in DESIGN.md), sarif 2.1.0, junit xml, GitHub annotations."""

from __future__ import annotations

import json

from mailgate import __version__
from mailgate.model import RunResult
from mailgate.report.base import FormatOptions
from mailgate.report.escape import inert

SARIF_LEVEL = {"block": "error", "warn": "warning", "info": "note"}
GITHUB_LEVEL = {"block": "error", "warn": "warning", "info": "notice"}


def render_json(run: RunResult, options: FormatOptions) -> str:
    return json.dumps(run.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_sarif(run: RunResult, options: FormatOptions) -> str:
    used = sorted({f.rule for r in run.results for f in r.findings})
    rules_meta = []
    for rule_id in used:
        rule = options.rules.get(rule_id)
        meta = {"id": rule_id, "name": rule_id}
        if rule is not None:
            meta.update({
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": rule.description or rule.title},
                "help": {"text": rule.fix},
                "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity.value]},
                "properties": {"source": rule.source_text},
            })
        rules_meta.append(meta)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    results = []
    for result in run.results:
        for finding in result.findings:
            region = {"startLine": finding.line, "startColumn": finding.column or 1} if finding.line else None
            location = {"physicalLocation": {"artifactLocation": {"uri": result.path}}}
            if region:
                location["physicalLocation"]["region"] = region
            results.append({"ruleId": finding.rule, "ruleIndex": index[finding.rule],
                            "level": SARIF_LEVEL[finding.severity.value],
                            "message": {"text": finding.message + (f" Fix: {finding.fix}" if finding.fix else "")},
                            "locations": [location]})
    notifications = [{"level": "error", "message": {"text": e}} for r in run.results for e in r.errors]
    notifications += [{"level": "error", "message": {"text": e}} for e in run.errors]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mailgate", "version": __version__, "informationUri": "https://mailgate.invalid",
                                "rules": rules_meta}},
            "results": results,
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render_junit(run: RunResult, options: FormatOptions) -> str:
    """One test case per file; blocks and errors are failures, warnings stay in system-out."""
    from xml.sax.saxutils import escape, quoteattr  # pulls in urllib.request: only JUnit output needs it

    cases = []
    failures = errors = 0
    for result in run.results:
        name = quoteattr(inert(result.path))
        blocking = [f for f in result.findings if f.severity.value == "block" or (run.strict and f.severity.value == "warn")]
        body = ""
        if result.errors:
            errors += 1
            errors_text = [inert(e) for e in result.errors]
            body += f"<error message={quoteattr(errors_text[0])}>{escape(chr(10).join(errors_text))}</error>"
        if blocking:
            failures += 1
            text = "\n".join(f"{f.line or '-'}:{f.column or 1} {f.rule}: {inert(f.message)}" for f in blocking)
            body += f"<failure message={quoteattr(f'{len(blocking)} blocking finding(s)')}>{escape(text)}</failure>"
        others = [f for f in result.findings if f not in blocking]
        if others:
            text = "\n".join(f"{f.line or '-'}:{f.column or 1} {f.severity.value} {f.rule}: {inert(f.message)}"
                             for f in others)
            body += f"<system-out>{escape(text)}</system-out>"
        cases.append(f'  <testcase classname="mailgate" name={name}>{body}</testcase>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuite name="mailgate" tests="{len(run.results)}" failures="{failures}" errors="{errors}">\n'
            + "\n".join(cases) + "\n</testsuite>\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    text = inert(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def render_github(run: RunResult, options: FormatOptions) -> str:
    lines = []
    for result in run.results:
        for error in result.errors:
            lines.append(f"::error file={_github_escape(result.path, True)},title=mailgate::{_github_escape(error)}")
        for finding in result.findings:
            where = f",line={finding.line},col={finding.column or 1}" if finding.line else ""
            lines.append(f"::{GITHUB_LEVEL[finding.severity.value]} file={_github_escape(result.path, True)}{where},"
                         f"title={_github_escape(finding.rule, True)}::{_github_escape(finding.message)}")
    lines.extend(f"::error title=mailgate::{_github_escape(e)}" for e in run.errors)
    return "\n".join(lines) + ("\n" if lines else "")
