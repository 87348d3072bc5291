"""The SLA report: which customer messages were answered, late, or not at all, and how fast.

A customer message is answered by the first later message from a support address in its
thread; its first-reply time is the business time in between (business_time.py). A message
with no answer is *waiting* while within the target and *overdue* after it, measured to
``as_of``. Negative-tone messages are listed first (002 §2: react to negative voices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from mailgate.business_time import BusinessCalendar
from mailgate.inbox.records import CUSTOMER, SUPPORT, MailRecord, SupportAddresses, read_record
from mailgate.inbox.threads import ThreadStore
from mailgate.load.mbox import iter_mailbox

ANSWERED, LATE, WAITING, OVERDUE = "answered", "late", "waiting", "overdue"


@dataclass(frozen=True)
class Outcome:
    """One customer message and what became of it."""

    record: MailRecord
    status: str
    hours: float
    replied_at: float | None = None

    def to_dict(self, tz: Any) -> dict[str, Any]:
        record = self.record
        return {"message": record.label, "message_id": record.message_id, "thread": record.root,
                "from": record.sender, "subject": record.subject, "status": self.status,
                "received": _iso(record.at, tz), "replied": _iso(self.replied_at, tz),
                "business_hours": round(self.hours, 2), "negative": bool(record.negative),
                "negative_words": list(record.negative)}


@dataclass
class InboxReport:
    """Everything `mailgate inbox` prints; lists hold only what needs attention."""

    mailbox: str
    as_of: datetime
    target_hours: float
    calendar: BusinessCalendar
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=lambda: {ANSWERED: 0, LATE: 0, WAITING: 0, OVERDUE: 0})
    negative: int = 0
    replied: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    attention: list[Outcome] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def needs_action(self) -> bool:
        return bool(self.statuses[LATE] or self.statuses[OVERDUE])

    @property
    def verdict(self) -> str:
        return "error" if self.problems else "block" if self.needs_action else "pass"

    def ordered(self, status: str) -> list[Outcome]:
        """Negative-tone messages first, then the longest wait first."""
        chosen = [o for o in self.attention if o.status == status]
        return sorted(chosen, key=lambda o: (not o.record.negative, -o.hours, o.record.label))


def analyse(path: Path, *, ours: SupportAddresses, calendar: BusinessCalendar, target_hours: float,
            as_of: datetime, tone: Callable[[str], tuple[str, ...]], max_bytes: int,
            sink: Callable[[Outcome], None] | None = None) -> InboxReport:
    """Stream the mailbox once into the thread store, then walk each thread in time order."""
    report = InboxReport(str(path), as_of, target_hours, calendar)
    now = as_of.timestamp()
    with ThreadStore() as store:
        for raw in iter_mailbox(path, max_bytes):
            if raw.error:
                store.problem(raw.label, raw.error)
                continue
            try:
                store.add(read_record(raw, ours, tone))
            except Exception as exc:  # noqa: BLE001 — one broken message must not end the report
                store.problem(raw.label, f"unreadable message: {type(exc).__name__}: {exc}")
        store.build_threads()
        report.counts = store.counts()
        report.problems = store.problems()
        report.problems += [(label, "no usable Date header; not counted") for label in store.undated()]
        for outcome in _outcomes(_threads(store.conversation()), calendar, target_hours, now):
            report.statuses[outcome.status] += 1
            report.negative += bool(outcome.record.negative)
            if outcome.replied_at is not None:
                report.replied += 1
                store.add_reply_hours(outcome.hours)
            if outcome.status != ANSWERED:
                report.attention.append(outcome)
            if sink is not None:
                sink(outcome)
        report.median_hours, report.p90_hours = store.quantile(0.5), store.quantile(0.9)
    return report


def _threads(rows: Iterator[tuple[str, MailRecord]]) -> Iterator[list[MailRecord]]:
    thread, current = None, []
    for key, record in rows:
        if key != thread and current:
            yield current
            current = []
        thread = key
        current.append(record)
    if current:
        yield current


def _outcomes(threads: Iterator[list[MailRecord]], calendar: BusinessCalendar, target: float,
              now: float) -> Iterator[Outcome]:
    for messages in threads:
        pending: list[MailRecord] = []
        for record in messages:
            if record.at is None or record.at > now:
                continue  # after --as-of: not yet happened for this report
            if record.role == CUSTOMER:
                pending.append(record)
            elif record.role == SUPPORT and pending:
                for waiting in pending:
                    hours = _hours(calendar, waiting.at, record.at)
                    yield Outcome(waiting, LATE if hours > target else ANSWERED, hours, record.at)
                pending = []
        for waiting in pending:
            hours = _hours(calendar, waiting.at, now)
            yield Outcome(waiting, OVERDUE if hours > target else WAITING, hours)


def _hours(calendar: BusinessCalendar, start: float | None, end: float) -> float:
    assert start is not None
    return calendar.business_hours(datetime.fromtimestamp(start, timezone.utc), datetime.fromtimestamp(end, timezone.utc))


def _iso(timestamp: float | None, tz: Any) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, tz).isoformat(timespec="minutes")
