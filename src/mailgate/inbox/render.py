"""The inbox report as text (for people), JSON (the DESIGN contract's top level) and CSV (a row per
customer message, streamed while the mailbox is read)."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from mailgate import __version__
from mailgate.inbox.sla import ANSWERED, LATE, OVERDUE, WAITING, InboxReport, Outcome

CSV_COLUMNS = ("message", "message_id", "thread", "from", "subject", "status", "received", "replied",
               "business_hours", "negative", "negative_words", "problem")
SECTIONS = ((OVERDUE, "OVERDUE: unanswered beyond {target} business hours"),
            (LATE, "LATE: answered after more than {target} business hours"),
            (WAITING, "WAITING: unanswered, still within {target} business hours"))


def report_dict(report: InboxReport) -> dict[str, Any]:
    tz = report.calendar.tz
    counts = report.counts
    return {
        "mailgate": __version__,
        "verdict": report.verdict,
        "mailbox": report.mailbox,
        "as_of": report.as_of.isoformat(timespec="minutes"),
        "sla": {"target_business_hours": report.target_hours, "business_hours": report.calendar.describe},
        "summary": {
            "messages": sum(counts.get(role, 0) for role in ("customer", "support", "automated")),
            "customer": counts.get("customer", 0), "support": counts.get("support", 0),
            "automated": counts.get("automated", 0), "threads": counts.get("threads", 0),
            **report.statuses, "negative": report.negative, "errors": len(report.problems),
        },
        "first_reply_business_hours": {"count": report.replied, "median": _round(report.median_hours),
                                       "p90": _round(report.p90_hours)},
        **{status: [o.to_dict(tz) for o in report.ordered(status)] for status, _ in SECTIONS},
        "errors": [{"message": label, "error": problem} for label, problem in report.problems],
    }


def render_json(report: InboxReport) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_text(report: InboxReport, max_listed: int = 50) -> str:
    data = report_dict(report)
    summary, first = data["summary"], data["first_reply_business_hours"]
    target = f"{report.target_hours:g}"
    lines = [f"{report.mailbox}: SLA report as of {data['as_of']}",
             f"Target: first reply within {target} business hours ({report.calendar.describe})",
             "",
             f"Messages: {summary['messages']} ({summary['customer']} customer, {summary['support']} support, "
             f"{summary['automated']} automated, not counted) in {summary['threads']} threads",
             f"Customer messages: {summary[ANSWERED]} answered in time, {summary[LATE]} late, "
             f"{summary[WAITING]} waiting, {summary[OVERDUE]} overdue; {summary['negative']} negative in tone",
             "First reply: " + (f"median {first['median']:.1f} h, 90th percentile {first['p90']:.1f} h "
                                f"over {first['count']} answered messages" if first["count"] else "no replies yet")]
    for status, title in SECTIONS:
        outcomes = report.ordered(status)
        if not outcomes:
            continue
        lines += ["", title.format(target=target) + (" (negative tone first)" if report.negative else "")]
        lines += [_line(o, report) for o in outcomes[:max_listed]]
        if len(outcomes) > max_listed:
            lines.append(f"  … and {len(outcomes) - max_listed} more (--format json or csv lists all)")
    if report.problems:
        lines += ["", "ERRORS: messages that could not be read"]
        lines += [f"  {label}: {problem}" for label, problem in report.problems[:max_listed]]
        if len(report.problems) > max_listed:
            lines.append(f"  … and {len(report.problems) - max_listed} more")
    verdict = {"pass": "PASS: every customer message answered in time",
               "block": f"BLOCK: {summary[OVERDUE]} overdue, {summary[LATE]} answered late",
               "error": f"ERROR: {summary['errors']} message(s) could not be read; "
                        f"{summary[OVERDUE]} overdue, {summary[LATE]} answered late"}[report.verdict]
    return "\n".join(lines + ["", verdict + "."]) + "\n"


def _line(outcome: Outcome, report: InboxReport) -> str:
    record = outcome.record
    data = outcome.to_dict(report.calendar.tz)
    mark = "!" if record.negative else " "
    tone = f"  negative: {', '.join(record.negative)}" if record.negative else ""
    subject = record.subject if len(record.subject) <= 60 else record.subject[:57] + "..."
    return (f"  {mark} {outcome.hours:7.1f} h  {record.label}  {data['received']}  {record.sender or '?'}  "
            f"\"{subject}\"{tone}")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class CsvSink:
    """Writes one row per customer message as the analysis produces it (memory stays flat)."""

    def __init__(self, stream: IO[str], tz: Any) -> None:
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        self.writer.writeheader()
        self.tz = tz

    def __call__(self, outcome: Outcome) -> None:
        row = outcome.to_dict(self.tz)
        row["negative_words"] = " ".join(row["negative_words"])
        self.writer.writerow(row)

    def problems(self, report: InboxReport) -> None:
        for label, problem in report.problems:
            self.writer.writerow({"message": label, "status": "error", "problem": problem})
