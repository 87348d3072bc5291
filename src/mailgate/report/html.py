"""The reviewer's HTML report: one self-contained page to read and forward.

Email content is hostile until proven otherwise. Every string is escaped; each message
preview sits in an ``<iframe sandbox srcdoc>`` with no script, form, popup or same-origin
rights; and the page's Content-Security-Policy (inherited by srcdoc frames) blocks every
remote load, so opening the report never fires a tracking pixel or a script.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mailgate import __version__
from mailgate.model import FileResult, RunResult
from mailgate.report.base import FormatOptions

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'"
MAX_PREVIEW_CHARS = 300_000
_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f5f5f7}
header{background:#1d1d1f;color:#fff;padding:16px 24px} header h1{margin:0;font-size:20px}
main{padding:16px 24px;max-width:1200px} section{background:#fff;border-radius:8px;margin:0 0 20px;padding:16px 20px;box-shadow:0 1px 3px #0002}
.badge{display:inline-block;border-radius:4px;padding:1px 8px;font-size:12px;font-weight:600;text-transform:uppercase}
.pass{background:#d7f5dd;color:#0a5c1f}.warn{background:#fff1c2;color:#7a5400}.block{background:#ffd9d6;color:#8f1108}
.error{background:#8f1108;color:#fff}.info{background:#dcecff;color:#0b4a8b}
table{border-collapse:collapse;width:100%;margin-top:10px} th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e5e5ea}
th{font-size:12px;color:#6e6e73;text-transform:uppercase} td.where{white-space:nowrap;color:#6e6e73;font-family:ui-monospace,monospace}
.fix{color:#3a3a3c;font-size:13px} .meta{color:#6e6e73;font-size:13px;margin:4px 0}
iframe{width:100%;height:420px;border:1px solid #d2d2d7;border-radius:6px;background:#fff}
pre.preview{white-space:pre-wrap;border:1px solid #d2d2d7;border-radius:6px;padding:12px;max-height:420px;overflow:auto;background:#fff}
nav a{margin-right:12px} .summary span{margin-right:16px}
"""


def render_html(run: RunResult, options: FormatOptions) -> str:
    summary = run.summary()
    verdict = run.verdict().value
    sections = "\n".join(_file_section(index, result, run.strict) for index, result in enumerate(run.results))
    errors = "".join(f"<p class='badge error'>{escape(e)}</p>" for e in run.errors)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">
<meta name="referrer" content="no-referrer">
<title>mailgate report — {escape(verdict)}</title><style>{_STYLE}</style></head>
<body><header><h1>mailgate report <span class="badge {escape(verdict)}">{escape(verdict)}</span></h1>
<div class="summary"><span>{summary['files']} messages</span><span>{summary['block']} block</span>
<span>{summary['warn']} warn</span><span>{summary['info']} info</span><span>{summary['errors']} errors</span>
<span>mailgate {escape(__version__)}</span></div></header>
<main>{errors}{sections}</main></body></html>
"""


def _file_section(index: int, result: FileResult, strict: bool) -> str:
    verdict = result.verdict(strict).value
    preview = result.preview or {}
    meta = "".join(f"<div class='meta'><b>{label}:</b> {escape(str(preview.get(key) or ''))}</div>"
                   for label, key in (("Subject", "subject"), ("From", "from"), ("To", "to")) if preview.get(key))
    about = escape(", ".join(p for p in (result.kind and f"kind {result.kind} ({result.kind_reason})",
                                         result.lang and f"language {result.lang} ({result.lang_reason})") if p))
    rows = "".join(_finding_row(f) for f in result.findings)
    errors = "".join(f"<tr><td class='where'>-</td><td><span class='badge error'>error</span></td><td>-</td>"
                     f"<td>{escape(e)}</td></tr>" for e in result.errors)
    table = (f"<table><thead><tr><th>Where</th><th>Severity</th><th>Rule</th><th>Finding</th></tr></thead>"
             f"<tbody>{errors}{rows}</tbody></table>") if rows or errors else "<p>No findings.</p>"
    return (f"<section id='m{index}'><h2>{escape(result.path)} <span class='badge {verdict}'>{verdict}</span></h2>"
            f"<div class='meta'>{about}</div>{meta}{table}{_preview(preview)}</section>")


def _finding_row(finding: Any) -> str:
    where = f"{finding.line}:{finding.column or 1}" if finding.line else "-"
    severity = finding.severity.value
    fix = f"<div class='fix'>Fix: {escape(finding.fix)}</div>" if finding.fix else ""
    source = f"<div class='meta'>Source: {escape(finding.source)}</div>" if finding.source else ""
    return (f"<tr><td class='where'>{escape(where)}</td><td><span class='badge {severity}'>{severity}</span></td>"
            f"<td><code>{escape(finding.rule)}</code></td><td>{escape(finding.message)}{fix}{source}</td></tr>")


def _preview(preview: dict[str, Any]) -> str:
    html = preview.get("html")
    if html:
        clipped = html[:MAX_PREVIEW_CHARS]
        # sandbox="" grants nothing: no scripts, forms, popups, top navigation or same-origin access.
        return (f"<h3>Preview</h3><iframe sandbox=\"\" referrerpolicy=\"no-referrer\" loading=\"lazy\" "
                f"title=\"message preview\" srcdoc=\"{escape(clipped, quote=True)}\"></iframe>")
    text = preview.get("text")
    if text:
        return f"<h3>Preview</h3><pre class='preview'>{escape(text[:MAX_PREVIEW_CHARS])}</pre>"
    return ""
