"""Timestamps as the ledger stores them: UTC, ISO 8601, fixed width, so SQL compares them as text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

STORED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_timestamp(value: str) -> datetime:
    """ISO 8601 date or date-time; no offset means UTC. Raises ValueError on anything else."""
    text = value.strip()
    if not text:
        raise ValueError("empty timestamp")
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = datetime.combine(date.fromisoformat(text), datetime.min.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def stored(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(STORED_FORMAT)


def from_stored(text: str) -> datetime:
    return datetime.strptime(text, STORED_FORMAT).replace(tzinfo=timezone.utc)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def days_before(moment: datetime, days: float) -> str:
    return stored(moment - timedelta(days=days))


def days_after(moment: datetime, days: float) -> str:
    return stored(moment + timedelta(days=days))
