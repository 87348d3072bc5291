"""Business hours between two moments: the defaults, office hours, holidays, time zones, DST."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailgate.business_time import BusinessCalendar, calendar_from_settings
from mailgate.errors import ConfigError

WARSAW = ZoneInfo("Europe/Warsaw")
OFFICE = {"timezone": "Europe/Warsaw", "business_hours": {"weekdays": "09:00-17:00"}}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_default_is_every_hour_of_every_day() -> None:
    calendar = calendar_from_settings({})
    assert calendar.always_open
    assert calendar.business_hours(at("2026-03-06T18:40:00+01:00"), at("2026-03-09T10:15:00+01:00")) == pytest.approx(63.583, abs=0.01)
    assert "24 hours" in calendar.describe


def test_friday_evening_to_monday_morning_counts_only_office_hours() -> None:
    calendar = calendar_from_settings(OFFICE)
    assert calendar.business_hours(at("2026-03-06T18:40:00+01:00"), at("2026-03-09T10:15:00+01:00")) == pytest.approx(1.25)


def test_other_time_zones_are_converted() -> None:
    calendar = calendar_from_settings(OFFICE)
    # 08:00 UTC is 09:00 in Warsaw (winter); 16:00 UTC is 17:00.
    assert calendar.business_hours(at("2026-03-02T08:00:00+00:00"), at("2026-03-02T16:00:00+00:00")) == pytest.approx(8)


def test_holidays_fixed_and_yearly_are_closed() -> None:
    calendar = calendar_from_settings({**OFFICE, "holidays": ["2026-03-03", {"date": "03-04", "name": "Shop day"}]})
    # Mon 2 Mar 9-17 (8) + Tue, Wed closed + Thu 9-10 (1)
    assert calendar.business_hours(at("2026-03-02T09:00:00+01:00"), at("2026-03-05T10:00:00+01:00")) == pytest.approx(9)
    assert not calendar.is_open(at("2027-03-04T10:00:00+01:00"))


def test_daylight_saving_change_keeps_local_office_hours() -> None:
    calendar = calendar_from_settings(OFFICE)
    # Clocks go forward on Sunday 29 March 2026; Monday 30 March opens at 09:00 CEST (07:00 UTC).
    assert calendar.is_open(at("2026-03-30T07:30:00+00:00"))
    assert calendar.business_hours(at("2026-03-27T16:00:00+01:00"), at("2026-03-30T10:00:00+02:00")) == pytest.approx(2)


def test_split_days_and_24_00() -> None:
    calendar = calendar_from_settings({"business_hours": {"mon": ["08:00-12:00", "13:00-24:00"], "daily": "closed"}})
    assert calendar.business_hours(at("2026-03-02T00:00:00+00:00"), at("2026-03-03T00:00:00+00:00")) == pytest.approx(15)
    assert calendar.describe.startswith("mon 08:00-12:00,13:00-24:00; tue-sun closed")


@pytest.mark.parametrize(("config", "message"), [
    ({"timezone": "Mars/Olympus"}, "unknown time zone"),
    ({"business_hours": {"mon": "17:00-09:00"}}, "closes before it opens"),
    ({"business_hours": {"mon": ["09:00-13:00", "12:00-17:00"]}}, "overlapping"),
    ({"business_hours": {"monday": "09:00-17:00"}}, "unknown day"),
    ({"holidays": ["31-31"]}, "is not a date"),
])
def test_bad_calendars_are_clear_errors(config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        calendar_from_settings(config)


def _brute_force(calendar: BusinessCalendar, start: datetime, end: datetime) -> float:
    minutes, moment = 0, start
    while moment < end:
        minutes += calendar.is_open(moment)
        moment += timedelta(minutes=30)
    return minutes / 2


@settings(max_examples=60, deadline=None)
@given(start=st.integers(min_value=0, max_value=24 * 60 * 2), length=st.integers(min_value=0, max_value=24 * 2 * 40))
def test_agrees_with_counting_half_hours(start: int, length: int) -> None:
    calendar = calendar_from_settings({**OFFICE, "business_hours": {"weekdays": "09:00-17:30", "sat": "10:00-14:00"},
                                       "holidays": ["2026-01-06", "2026-01-20"]})
    begin = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=30 * start)
    end = begin + timedelta(minutes=30 * length)
    assert calendar.business_hours(begin, end) == pytest.approx(_brute_force(calendar, begin, end))
