"""The slices of the ledger one gate run needs, loaded once into dicts keyed by normalised address.

Each slice is one query whose two columns (key, packed record) dict(cursor) turns into a
dict in C; each recipient test is then a dict lookup per row, done with map() over a whole
batch. Every slice is loaded lazily, once, and only if a selected rule asks for it
(bench/gate_bench.py measures the whole gate against the sqlite3 tool's anti-join).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from mailgate.ledger.timestamps import days_after, days_before, stored

if TYPE_CHECKING:
    import sqlite3

Record = tuple[Any, ...]
SEP = "\x1f"  # packs a record into one text column: SQLite builds it, Python splits it only for a hit
_PACK = " || char(31) || "


CONSENT_FIELDS = ("given_by", "given_at", "method", "notice_version")
# A consent record as a small integer: bit n set when CONSENT_FIELDS[n] is filled, plus 16 per
# filled field, so max() picks the most complete record. Small ints are never allocated.
_CONSENT_SCORE = " + ".join(f"(({name} != '') * {16 + (1 << n)})" for n, name in enumerate(CONSENT_FIELDS))


def pack(*columns: str) -> str:
    return _PACK.join(columns)


class Keyed:
    """One slice: records by address and, where the ledger knows it, by contact id."""

    __slots__ = ("by_email", "by_contact")

    def __init__(self) -> None:
        self.by_email: dict[str, Any] = {}
        self.by_contact: dict[str, Any] = {}

    def get(self, key: str, contact_id: str) -> Any:
        found = self.by_email.get(key) if key else None
        if found is None and contact_id:
            found = self.by_contact.get(contact_id)
        return found


class LedgerView:
    """Read-only questions the recipient rules ask, as of the send time ``at``."""

    def __init__(self, db: "sqlite3.Connection", at: datetime) -> None:
        self.db = db
        self.at = at
        self.at_text = stored(at)
        self._cache: dict[tuple[Any, ...], Any] = {}

    def _cached(self, key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    def _keyed(self, sql: str, params: tuple[Any, ...], by_contact: bool = True) -> Keyed:
        """``sql`` selects two columns, ``{key}`` and a packed record (fields joined by SEP), so
        dict(cursor) builds each index in C; later rows overwrite earlier ones, so the query's
        ORDER BY decides which record a key keeps."""
        keyed = Keyed()
        keyed.by_email = dict(self.db.execute(sql.format(key="email"), params))
        if by_contact:
            keyed.by_contact = dict(self.db.execute(sql.format(key="contact_id"), params))
        return keyed

    def consent(self, topic: str, channel: str) -> Keyed:
        """Consent covering ``topic`` (or every topic) on ``channel``: the most complete record's
        score (bit n of ``score % 16`` set when CONSENT_FIELDS[n] is filled).

        Email consent belongs to an address, so only other channels also match by contact id.
        """
        return self._cached(("consent", topic, channel), lambda: self._keyed(
            "SELECT {key}, max(" + _CONSENT_SCORE + ") "
            "FROM consent WHERE {key} != '' AND (topic = ? OR topic = '*') AND (channel = '' OR channel = ?) "
            "AND given_at <= ? GROUP BY {key}",
            (topic, channel, self.at_text), by_contact=channel != "email"))

    def suppressions(self, topic: str) -> Keyed:
        """Active suppressions for ``topic``: global ones, this topic's, and every complaint.

        No time filter: an unsubscribe recorded after the planned send time still counts.
        Record (packed): reason, topic, department, source, created_at.
        """
        return self._cached(("suppression", topic), lambda: self._keyed(
            "SELECT {key}, " + pack("reason", "topic", "department", "source", "created_at") + " FROM suppression "
            "WHERE {key} != '' AND lifted_at = '' AND (topic = '*' OR topic = ? OR reason = 'complaint') ORDER BY created_at DESC",
            (topic,)))

    def hard_bounces(self) -> Keyed:
        """status, bounced_at, diagnostic (packed) of the latest hard bounce per address."""
        return self._cached(("hard",), lambda: self._keyed(
            "SELECT {key}, " + pack("status", "bounced_at", "diagnostic") + " FROM bounce "
            "WHERE kind = 'hard' AND bounced_at <= ? "
            "ORDER BY bounced_at", (self.at_text,), by_contact=False))

    def soft_bounces(self, days: float) -> Keyed:
        """count, last bounced_at (packed) of soft bounces in the ``days`` before the send."""
        return self._cached(("soft", days), lambda: self._keyed(
            "SELECT {key}, " + pack("count(*)", "max(bounced_at)") + " FROM bounce WHERE kind = 'soft' "
            "AND bounced_at > ? AND bounced_at <= ? GROUP BY email", (days_before(self.at, days), self.at_text),
            by_contact=False))

    def send_counts(self, days: float, channel: str | None) -> Keyed:
        """(count,) of sends in the ``days`` before the send, on ``channel`` or on every channel."""
        where = "AND channel = ?" if channel else ""
        params: tuple[Any, ...] = (days_before(self.at, days), self.at_text, *((channel,) if channel else ()))

        def load() -> Keyed:
            keyed = Keyed()
            for column in ("email", "contact_id"):
                counts = dict(self.db.execute(
                    f"SELECT {column}, count(*) FROM send WHERE {column} != '' AND sent_at > ? AND sent_at <= ? "
                    f"{where} GROUP BY {column}", params))
                setattr(keyed, "by_email" if column == "email" else "by_contact", counts)
            return keyed

        return self._cached(("sends", days, channel), load)

    def other_campaigns(self, days: float, campaign_id: str) -> Keyed:
        """Other campaigns (any channel, any department) that reach a contact within ``days`` of the send:
        sends before it and calendar entries on either side. Record (packed): campaign, channel, department, when, origin."""
        def load() -> Keyed:
            since, until = days_before(self.at, days), days_after(self.at, days)
            sends = self._keyed(
                "SELECT {key}, " + pack("campaign_id", "channel", "department", "sent_at", "'sent'") + " FROM send "
                "WHERE {key} != '' AND campaign_id != ? AND sent_at > ? AND sent_at <= ? ORDER BY sent_at",
                (campaign_id, since, self.at_text))
            planned = self._keyed(
                "SELECT {key}, " + pack("campaign_id", "channel", "department", "scheduled_at", "'scheduled'")
                + " FROM calendar WHERE {key} != '' AND campaign_id != ? AND scheduled_at > ? AND scheduled_at < ? ORDER BY scheduled_at",
                (campaign_id, since, until))
            for key, value in planned.by_email.items():
                sends.by_email.setdefault(key, value)
            for key, value in planned.by_contact.items():
                sends.by_contact.setdefault(key, value)
            return sends

        return self._cached(("others", days, campaign_id), load)

    def preferences(self) -> Keyed:
        """The newest preference row per address (packed): topics, opted_out, max_sends, per_days."""
        return self._cached(("preferences",), lambda: self._keyed(
            "SELECT {key}, " + pack("topics", "opted_out", "max_sends", "per_days") + " FROM preference "
            "WHERE {key} != '' ORDER BY updated_at, id", ()))

    def campaign_retry(self, campaign_id: str, status_prefixes: tuple[str, ...]) -> list[Record]:
        """Addresses whose latest send of this campaign soft-bounced with a transient status afterwards."""
        rows = self.db.execute(
            "SELECT s.email, b.status, max(b.bounced_at) FROM send s JOIN bounce b ON b.email = s.email "
            "WHERE s.campaign_id = ? AND s.email != '' AND b.kind = 'soft' AND b.bounced_at >= s.sent_at "
            "AND NOT EXISTS (SELECT 1 FROM send later WHERE later.email = s.email AND later.campaign_id = s.campaign_id "
            "                AND later.sent_at > b.bounced_at) "
            "GROUP BY s.email ORDER BY s.email", (campaign_id,))
        return [row for row in rows if row[1].startswith(status_prefixes)]

    def suppression_sources(self) -> dict[str, str]:
        """Per suppression source, the as-of time of its latest import."""
        return dict(self.db.execute(
            "SELECT source, max(as_of) FROM import_log WHERE kind = 'suppressions' GROUP BY source"))

