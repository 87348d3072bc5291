"""Register the built-in output formats through the same hook outside plugins use."""

from __future__ import annotations

from mailgate.hookspecs import hookimpl
from mailgate.report.base import Formatter
from mailgate.report.html import render_html
from mailgate.report.machine import render_github, render_json, render_junit, render_sarif
from mailgate.report.text import render_text


@hookimpl
def mailgate_formatters() -> list[Formatter]:
    return [
        Formatter("text", render_text, "Findings grouped per file (default).", machine=False),
        Formatter("json", render_json, "One JSON object (DESIGN.md contract)."),
        Formatter("sarif", render_sarif, "SARIF 2.1.0 for code-scanning tools."),
        Formatter("junit", render_junit, "JUnit XML, one test case per file."),
        Formatter("github", render_github, "GitHub Actions workflow annotations."),
        Formatter("html", render_html, "A reviewer's page: previews shown inert, every finding.", machine=False,
                  needs_preview=True),
    ]
