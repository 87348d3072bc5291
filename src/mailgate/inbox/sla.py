"""The SLA report: which customer messages were answered, late, or not at all, and how fast.

A customer message is answered by the first later message from a support address in its
thread; its first-reply time is the business time in between (business_time.py). A message
with no answer is *waiting* while within the target and *overdue* after it, measured to
``as_of``. Negative-tone messages are listed first (002 §2: react to negative voices).
"""

from __future__ import annotations

from contextlib import contextmanager
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
    """Counts and statistics of a mailbox; the listed messages stay in the thread store until printed."""

    mailbox: str
    as_of: datetime
    target_hours: float
    calendar: BusinessCalendar
    store: ThreadStore
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=lambda: {ANSWERED: 0, LATE: 0, WAITING: 0, OVERDUE: 0})
    negative: int = 0
    replied: int = 0
    problem_count: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None

    @property
    def needs_action(self) -> bool:
        return bool(self.statuses[LATE] or self.statuses[OVERDUE])

    @property
    def verdict(self) -> str:
        return "error" if self.problem_count else "block" if self.needs_action else "pass"

    def ordered(self, status: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """The messages of one status: negative tone first, then the longest wait first."""
        return self.store.outcomes(status, limit)

    def problems(self, limit: int | None = None) -> Iterator[tuple[str, str]]:
        return self.store.problems(limit)


@contextmanager
def analysed(path: Path, *, ours: SupportAddresses, calendar: BusinessCalendar, target_hours: float,
             as_of: datetime, tone: Callable[[str], tuple[str, ...]], is_robot: Callable[[str], bool], max_bytes: int,
             sink: Callable[[dict[str, Any]], None] | None = None) -> Iterator[InboxReport]:
    """Stream the mailbox once into the thread store, walk each thread in time order, and hand
    out the report while the store (which holds the listed messages) is open."""
    now = as_of.timestamp()
    with ThreadStore() as store:
        report = InboxReport(str(path), as_of, target_hours, calendar, store)
        for raw in iter_mailbox(path, max_bytes):
            if raw.error:
                store.problem(raw.label, raw.error)
                continue
            try:
                store.add(read_record(raw, ours, tone, is_robot))
            except Exception as exc:  # noqa: BLE001 — one broken message must not end the report
                store.problem(raw.label, f"unreadable message: {type(exc).__name__}: {exc}")
        store.build_threads()
        report.counts = store.counts()
        for outcome in _outcomes(_threads(store.conversation()), calendar, target_hours, now):
            row = outcome.to_dict(calendar.tz)
            report.statuses[outcome.status] += 1
            report.negative += bool(outcome.record.negative)
            if outcome.replied_at is not None:
                report.replied += 1
                store.add_reply_hours(outcome.hours)
            if outcome.status != ANSWERED:
                store.add_outcome(row)
            if sink is not None:
                sink(row)
        store.note_undated()
        report.problem_count = store.problem_count()
        report.median_hours, report.p90_hours = store.quantile(0.5), store.quantile(0.9)
        yield report


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
