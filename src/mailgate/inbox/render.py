"""The inbox report as text (for people), JSON (the DESIGN contract's top level) and CSV (a row
per customer message). All three write to a stream piece by piece, so a report on a huge
mailbox never exists in memory as a whole."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from mailgate import __version__
from mailgate.inbox.sla import ANSWERED, LATE, OVERDUE, WAITING, InboxReport

CSV_COLUMNS = ("message", "message_id", "thread", "from", "subject", "status", "received", "replied",
               "business_hours", "negative", "negative_words", "problem")
SECTIONS = ((OVERDUE, "OVERDUE: unanswered beyond {target} business hours"),
            (LATE, "LATE: answered after more than {target} business hours"),
            (WAITING, "WAITING: unanswered, still within {target} business hours"))


def summary(report: InboxReport) -> dict[str, Any]:
    """Everything but the lists: the head of the JSON object, and what the text report counts."""
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
            **report.statuses, "negative": report.negative, "errors": report.problem_count,
        },
        "first_reply_business_hours": {"count": report.replied, "median": _round(report.median_hours),
                                       "p90": _round(report.p90_hours)},
    }


def write_json(report: InboxReport, stream: IO[str]) -> None:
    """One JSON object; its lists are written item by item."""
    head = json.dumps(summary(report), ensure_ascii=False, indent=2)
    stream.write(head[:-2])  # drop the closing "\n}" to append the lists
    lists = [(status, report.ordered(status)) for status, _ in SECTIONS]
    lists.append(("errors", ({"message": label, "error": problem} for label, problem in report.problems())))
    for key, items in lists:
        stream.write(f',\n  "{key}": [')
        written = 0
        for item in items:
            stream.write(("," if written else "") + "\n    " + json.dumps(item, ensure_ascii=False))
            written += 1
        stream.write("\n  ]" if written else "]")
    stream.write("\n}\n")


def write_text(report: InboxReport, stream: IO[str], max_listed: int = 50) -> None:
    data = summary(report)
    counts, first = data["summary"], data["first_reply_business_hours"]
    target = f"{report.target_hours:g}"
    lines = [f"{report.mailbox}: SLA report as of {data['as_of']}",
             f"Target: first reply within {target} business hours ({report.calendar.describe})",
             "",
             f"Messages: {counts['messages']} ({counts['customer']} customer, {counts['support']} support, "
             f"{counts['automated']} automated, not counted) in {counts['threads']} threads",
             f"Customer messages: {counts[ANSWERED]} answered in time, {counts[LATE]} late, "
             f"{counts[WAITING]} waiting, {counts[OVERDUE]} overdue; {counts['negative']} negative in tone",
             "First reply: " + (f"median {first['median']:.1f} h, 90th percentile {first['p90']:.1f} h "
                                f"over {first['count']} answered messages" if first["count"] else "no replies yet")]
    for status, title in SECTIONS:
        total = counts[status]
        if not total:
            continue
        lines += ["", title.format(target=target) + (" (negative tone first)" if report.negative else "")]
        lines += [_line(row) for row in report.ordered(status, max_listed)]
        if total > max_listed:
            lines.append(f"  … and {total - max_listed} more (--format json or csv lists all)")
    if report.problem_count:
        lines += ["", "ERRORS: messages that could not be read"]
        lines += [f"  {label}: {problem}" for label, problem in report.problems(max_listed)]
        if report.problem_count > max_listed:
            lines.append(f"  … and {report.problem_count - max_listed} more")
    verdict = {"pass": "PASS: every customer message answered in time",
               "block": f"BLOCK: {counts[OVERDUE]} overdue, {counts[LATE]} answered late",
               "error": f"ERROR: {counts['errors']} message(s) could not be read; "
                        f"{counts[OVERDUE]} overdue, {counts[LATE]} answered late"}[report.verdict]
    stream.write("\n".join(lines + ["", verdict + "."]) + "\n")


def _line(row: dict[str, Any]) -> str:
    mark = "!" if row["negative"] else " "
    tone = f"  negative: {', '.join(row['negative_words'])}" if row["negative"] else ""
    subject = row["subject"] if len(row["subject"]) <= 60 else row["subject"][:57] + "..."
    return (f"  {mark} {row['business_hours']:7.1f} h  {row['message']}  {row['received']}  {row['from'] or '?'}  "
            f"\"{subject}\"{tone}")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class CsvSink:
    """Writes one row per customer message as the analysis produces it."""

    def __init__(self, stream: IO[str]) -> None:
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def __call__(self, row: dict[str, Any]) -> None:
        self.writer.writerow({**row, "negative_words": " ".join(row["negative_words"])})

    def problems(self, report: InboxReport) -> None:
        for label, problem in report.problems():
            self.writer.writerow({"message": label, "status": "error", "problem": problem})
