"""When the customer wrote and when the reply was drafted, from front matter or mail headers.

A draft names its moments in front matter (``received_at``, ``drafted_at``); an .eml reply
has its own Date header and, when the customer's message is known (``--in-reply-to FILE``
or the same mailbox), that message's Date. Times without a zone are read in the configured
``timezone``. A draft that states no drafting time is being checked before it is sent, so
it is judged as drafted now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from mailgate.errors import InputError
from mailgate.message import Message


def parse_moment(value: Any, tz: Any, *, what: str = "date", path: str | None = None) -> datetime | None:
    """An aware datetime from ISO 8601, an RFC 5322 date, or a YAML date/datetime; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        moment = _parse_text(str(value).strip())
        if moment is None:
            raise InputError(f"{what}: {str(value)[:60]!r} is not a date and time "
                             "(use ISO 8601, e.g. 2026-03-06T18:40:00+01:00)", path=path)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def _parse_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def message_date(message: Message, tz: Any) -> datetime | None:
    """The moment a message was written: front matter ``date``/``sent_at``, else its Date header."""
    for key in ("sent_at", "date"):
        if message.fields.get(key) not in (None, ""):
            return parse_moment(message.fields[key], tz, what=key, path=message.path)
    return None


def received_at(message: Message, tz: Any) -> datetime | None:
    """When the customer wrote: the draft's ``received_at``, else the customer message's date."""
    if message.fields.get("received_at") not in (None, ""):
        return parse_moment(message.fields["received_at"], tz, what="received_at", path=message.path)
    if message.customer is not None:
        return message_date(message.customer, tz)
    return None


def drafted_at(message: Message, tz: Any, now: datetime | None = None) -> datetime:
    """When the reply was written: ``drafted_at``, else its Date header, else now."""
    if message.fields.get("drafted_at") not in (None, ""):
        moment = parse_moment(message.fields["drafted_at"], tz, what="drafted_at", path=message.path)
        if moment is not None:
            return moment
    return message_date(message, tz) or now or datetime.now(timezone.utc)


def target_hours(settings: dict[str, Any], rule_id: str, rule_default: float) -> float:
    """The reply target: ``rules.<id>.max_hours``, else ``sla.reply_hours``, else the rule file's value."""
    configured = (settings.get("rules") or {}).get(rule_id) or {}
    if "max_hours" in configured:
        return float(configured["max_hours"])
    return float((settings.get("sla") or {}).get("reply_hours", rule_default))


@dataclass(frozen=True)
class ReplyTiming:
    """How long the customer waited for this reply, in business hours, against the target."""

    received: datetime
    drafted: datetime
    elapsed_hours: float
    target_hours: float

    @property
    def late(self) -> bool:
        return self.elapsed_hours > self.target_hours

    def values(self) -> dict[str, Any]:
        """Placeholders for a rule's message: {elapsed}, {max_hours}, {received}, {drafted}."""
        return {"elapsed": f"{self.elapsed_hours:.1f}", "max_hours": f"{self.target_hours:g}",
                "received": self.received.isoformat(timespec="minutes"),
                "drafted": self.drafted.isoformat(timespec="minutes")}


def attach_customer(message: Message, customer: Message | None, max_bytes: int) -> None:
    """Give a draft its customer's message: the one passed in, else a file named by front matter ``in_reply_to``.

    In an .eml, In-Reply-To is a Message-ID; in a draft's front matter it may also name the
    customer's message file, relative to the draft.
    """
    if customer is not None:
        message.customer = customer
        return
    named = message.fields.get("in_reply_to")
    if message.is_mail or not isinstance(named, str) or "<" in named or not named.strip():
        return
    from pathlib import Path

    from mailgate.load import load_path

    from mailgate.load import MESSAGE_SUFFIXES

    candidate = Path(message.path).parent / named.strip()
    if candidate.is_file():
        loaded = load_path(candidate, max_bytes)
        message.customer = loaded[0] if loaded else None
    elif candidate.suffix.lower() in MESSAGE_SUFFIXES:
        raise InputError(f"in_reply_to: no such file {named.strip()!r} (relative to the draft)", path=message.path)
