"""Elapsed business hours between two moments, in the support team's own time zone.

A 24-hour reply target (000 §4, 002 §1) means little if a Friday-evening message answered
on Monday morning counts as 60 hours late. The calendar comes from configuration
(``timezone``, ``business_hours``, ``holidays``); without it the honest default applies:
open 24 hours a day, every day, in UTC — business hours equal wall-clock hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailgate.errors import ConfigError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
ALL_DAY = ((0, MINUTES_PER_DAY),)
# A message unanswered for months should not cost a loop over every day: past two weeks,
# whole weeks are counted at once (a DST change inside an open hour of a skipped week is then
# off by that hour — irrelevant next to a wait of weeks).
_WEEK = 7


@dataclass(frozen=True)
class BusinessCalendar:
    """Opening intervals per weekday (minutes from local midnight), closed dates, a time zone."""

    tz: Any = timezone.utc
    hours: tuple[tuple[tuple[int, int], ...], ...] = (ALL_DAY,) * 7
    holidays: frozenset[date] = frozenset()
    yearly_holidays: frozenset[tuple[int, int]] = frozenset()
    describe: str = "24 hours, every day, UTC (the default)"
    _week_minutes: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_week_minutes", sum(end - start for day in self.hours for start, end in day))

    @property
    def always_open(self) -> bool:
        return self.hours == (ALL_DAY,) * 7 and not self.holidays and not self.yearly_holidays

    def is_holiday(self, day: date) -> bool:
        return day in self.holidays or (day.month, day.day) in self.yearly_holidays

    def intervals(self, day: date) -> tuple[tuple[int, int], ...]:
        return () if self.is_holiday(day) else self.hours[day.weekday()]

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz)
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.intervals(local.date()))

    def business_hours(self, start: datetime, end: datetime) -> float:
        """Open hours between two aware datetimes (0 when ``end`` is not after ``start``)."""
        if end <= start:
            return 0.0
        if self.always_open:
            return (end - start).total_seconds() / 3600
        return self._open_seconds(start, end) / 3600

    def _open_seconds(self, start: datetime, end: datetime) -> float:
        first = start.astimezone(self.tz).date()
        last = end.astimezone(self.tz).date()
        total = 0.0
        day = first
        while day <= last:
            if (last - day).days > 2 * _WEEK and day > first:
                weeks = ((last - day).days - _WEEK) // _WEEK
                total += weeks * self._week_minutes * 60 - self._holiday_minutes(day, weeks * _WEEK) * 60
                day += timedelta(days=weeks * _WEEK)
                continue
            for opens, closes in self.intervals(day):
                window_start = self._moment(day, opens)
                window_end = self._moment(day, closes)
                overlap = (min(end, window_end) - max(start, window_start)).total_seconds()
                if overlap > 0:
                    total += overlap
            day += timedelta(days=1)
        return total

    def _holiday_minutes(self, first: date, days: int) -> int:
        """Opening minutes lost to holidays in [first, first + days) (skipped whole weeks)."""
        last = first + timedelta(days=days - 1)
        closed = {d for d in self.holidays if first <= d <= last}
        for year in range(first.year, last.year + 1):
            for month, day in self.yearly_holidays:
                try:
                    candidate = date(year, month, day)
                except ValueError:  # 29 February in a common year
                    continue
                if first <= candidate <= last:
                    closed.add(candidate)
        return sum(end - start for d in closed for start, end in self.hours[d.weekday()])

    def _moment(self, day: date, minute: int) -> datetime:
        if minute >= MINUTES_PER_DAY:
            day, minute = day + timedelta(days=1), minute - MINUTES_PER_DAY
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.tz)


def calendar_from_settings(settings: Mapping[str, Any]) -> BusinessCalendar:
    """Build the calendar from ``timezone``, ``business_hours`` and ``holidays`` (all optional)."""
    tz_name = settings.get("timezone")
    hours_config = settings.get("business_hours")
    holiday_config = settings.get("holidays") or []
    if tz_name is None and hours_config is None and not holiday_config:
        return BusinessCalendar()
    tz = load_timezone(tz_name or "UTC")
    hours = _parse_hours(hours_config) if hours_config is not None else (ALL_DAY,) * 7
    fixed, yearly = _parse_holidays(holiday_config)
    describe = f"{_describe_hours(hours)}, {tz_name or 'UTC'}"
    if fixed or yearly:
        describe += f", {len(fixed) + len(yearly)} holiday(s)"
    return BusinessCalendar(tz, hours, frozenset(fixed), frozenset(yearly), describe)


def load_timezone(name: str) -> Any:
    if name.upper() in {"UTC", "Z"}:
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {name!r} (use an IANA name such as Europe/Warsaw)") from None


def _parse_hours(config: Mapping[str, Any]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """``{mon: "09:00-17:00", sat: ["10:00-12:00", "13:00-15:00"], sun: closed}``; unlisted days are closed.

    ``weekdays`` and ``weekend`` set several days at once; a named day wins over them.
    """
    per_day: dict[str, Any] = {}
    for group, days in (("weekdays", WEEKDAYS[:5]), ("weekend", WEEKDAYS[5:]), ("daily", WEEKDAYS)):
        if group in config:
            per_day.update({day: config[group] for day in days if day not in per_day})
    per_day.update({day: value for day, value in config.items() if day in WEEKDAYS})
    unknown = sorted(set(config) - set(WEEKDAYS) - {"weekdays", "weekend", "daily"})
    if unknown:
        raise ConfigError(f"business_hours: unknown day {unknown[0]!r} (use mon … sun, weekdays, weekend, daily)")
    return tuple(_parse_day(day, per_day.get(day)) for day in WEEKDAYS)


def _parse_day(day: str, value: Any) -> tuple[tuple[int, int], ...]:
    if value is None or value == "closed" or value == []:
        return ()
    ranges = [value] if isinstance(value, str) else list(value)
    intervals = sorted(_parse_range(day, str(item)) for item in ranges)
    for (_, end), (start, _) in zip(intervals, intervals[1:]):
        if start < end:
            raise ConfigError(f"business_hours.{day}: overlapping ranges")
    return tuple(intervals)


def _parse_range(day: str, text: str) -> tuple[int, int]:
    try:
        opens, closes = (part.strip() for part in text.split("-"))
        start, end = _minutes(opens), _minutes(closes)
    except ValueError:
        raise ConfigError(f"business_hours.{day}: {text!r} is not a range like 09:00-17:00") from None
    if end <= start:
        raise ConfigError(f"business_hours.{day}: {text!r} closes before it opens")
    return start, end


def _minutes(text: str) -> int:
    hour, minute = text.split(":")
    value = int(hour) * 60 + int(minute)
    if not (0 <= int(minute) < 60 and 0 <= value <= MINUTES_PER_DAY):
        raise ValueError(text)
    return value


def _parse_holidays(items: list[Any]) -> tuple[set[date], set[tuple[int, int]]]:
    """Dates ``2026-12-24`` (once) or ``12-25`` (every year), bare or as ``{date: …, name: …}``."""
    fixed: set[date] = set()
    yearly: set[tuple[int, int]] = set()
    for item in items:
        raw = item.get("date") if isinstance(item, dict) else item
        text = raw.isoformat() if isinstance(raw, date) else str(raw)
        try:
            if len(text) == 5:
                month, day = (int(p) for p in text.split("-"))
                date(2000, month, day)  # validates, leap day included
                yearly.add((month, day))
            else:
                fixed.add(date.fromisoformat(text))
        except ValueError:
            raise ConfigError(f"holidays: {text!r} is not a date (YYYY-MM-DD, or MM-DD for every year)") from None
    return fixed, yearly


def _describe_hours(hours: tuple[tuple[tuple[int, int], ...], ...]) -> str:
    """``mon-fri 09:00-17:00; sat-sun closed``: consecutive days with the same hours grouped."""
    def fmt(minute: int) -> str:
        return f"{minute // 60:02d}:{minute % 60:02d}"

    groups: list[tuple[int, int]] = []
    for index in range(len(WEEKDAYS)):
        if groups and hours[groups[-1][0]] == hours[index]:
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    parts = []
    for first, last in groups:
        days = WEEKDAYS[first] if first == last else f"{WEEKDAYS[first]}-{WEEKDAYS[last]}"
        day = hours[first]
        parts.append(f"{days} " + (",".join(f"{fmt(a)}-{fmt(b)}" for a, b in day) if day else "closed"))
    return "; ".join(parts)
