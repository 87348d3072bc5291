"""Threads of a mailbox, kept in a temporary SQLite file so memory stays flat in mailbox size.

Threading follows the headers first: a message joins the thread of the first Message-ID in
its References (the thread's root), else of its In-Reply-To; chains whose root is itself a
reply are followed to the top. A message with no such headers but a reply subject ("Re:",
"AW:", "Odp:", "Ответ:") joins the earliest thread with the same subject and the same
customer — the fallback for mail clients that drop the headers.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any, Iterator

from mailgate.inbox.records import AUTOMATED, MailRecord

MAX_CHAIN_STEPS = 50
OUTCOME_KEYS = ("message", "message_id", "thread", "from", "subject", "status", "received", "replied",
                "business_hours", "negative", "negative_words")
_SCHEMA = """
CREATE TABLE messages (
    seq INTEGER PRIMARY KEY, label TEXT, message_id TEXT, parent TEXT, thread TEXT,
    subject TEXT, subject_key TEXT, reply_prefix INTEGER, sender TEXT, correspondent TEXT,
    role TEXT, at REAL, negative TEXT
);
CREATE TABLE problems (label TEXT, problem TEXT);
CREATE TABLE reply_hours (hours REAL);
CREATE TABLE outcomes (
    status TEXT, negative INTEGER, business_hours REAL, message TEXT, message_id TEXT, thread TEXT,
    sender TEXT, subject TEXT, received TEXT, replied TEXT, negative_words TEXT
);
"""


class ThreadStore:
    """Records in, threads out; the database lives in a temporary folder and is removed on close."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="mailgate-inbox-")
        self.db = sqlite3.connect(Path(self._folder.name) / "inbox.sqlite")
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000;"
                              "PRAGMA temp_store=FILE;" + _SCHEMA)
        self._pending: list[tuple[object, ...]] = []

    def close(self) -> None:
        self.db.close()
        self._folder.cleanup()

    def __enter__(self) -> "ThreadStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, record: MailRecord) -> None:
        self._pending.append((record.label, record.message_id, record.parent, record.root, record.subject,
                              record.subject_key, int(record.reply_prefix), record.sender, record.correspondent,
                              record.role, record.at, "\t".join(record.negative)))
        if len(self._pending) >= 5000:
            self._flush()

    def problem(self, label: str, problem: str) -> None:
        self.db.execute("INSERT INTO problems VALUES (?, ?)", (label, problem))

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO messages (label, message_id, parent, thread, subject, subject_key, "
                            "reply_prefix, sender, correspondent, role, at, negative) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._pending)
        self._pending.clear()

    def build_threads(self) -> None:
        """Resolve every message's thread (headers, then the subject fallback)."""
        self._flush()
        db = self.db
        db.execute("CREATE INDEX by_id ON messages (message_id)")
        for _ in range(MAX_CHAIN_STEPS):
            changed = db.execute(
                "UPDATE messages SET thread = (SELECT p.thread FROM messages p WHERE p.message_id = messages.thread "
                "AND p.thread != messages.thread LIMIT 1) "
                "WHERE EXISTS (SELECT 1 FROM messages p WHERE p.message_id = messages.thread "
                "AND p.thread != messages.thread)").rowcount
            if not changed:
                break
        db.execute("CREATE INDEX by_subject ON messages (subject_key, correspondent, at)")
        db.execute(
            "UPDATE messages SET thread = (SELECT first.thread FROM messages first "
            "WHERE first.subject_key = messages.subject_key AND first.correspondent = messages.correspondent "
            "AND first.seq != messages.seq AND first.at <= messages.at ORDER BY first.at LIMIT 1) "
            "WHERE parent IS NULL AND reply_prefix = 1 AND subject_key != '' AND correspondent != '' "
            "AND EXISTS (SELECT 1 FROM messages first WHERE first.subject_key = messages.subject_key "
            "AND first.correspondent = messages.correspondent AND first.seq != messages.seq "
            "AND first.at <= messages.at)")
        db.execute("CREATE INDEX by_thread ON messages (thread, at, seq)")

    def conversation(self) -> Iterator[tuple[str, MailRecord]]:
        """(thread, record) for every dated, human message, thread by thread, oldest first."""
        rows = self.db.execute(
            "SELECT thread, label, message_id, parent, subject, subject_key, reply_prefix, sender, correspondent, "
            "role, at, negative FROM messages WHERE role != ? AND at IS NOT NULL ORDER BY thread, at, seq",
            (AUTOMATED,))
        for row in rows:
            thread, label, message_id, parent, subject, key, prefix, sender, correspondent, role, at, negative = row
            yield thread, MailRecord(label, message_id, parent, thread, subject, key, bool(prefix), sender,
                                     correspondent, role, at, tuple(filter(None, negative.split("\t"))))

    def counts(self) -> dict[str, int]:
        counts = dict(self.db.execute("SELECT role, COUNT(*) FROM messages GROUP BY role").fetchall())
        counts["threads"] = self.db.execute("SELECT COUNT(DISTINCT thread) FROM messages WHERE role != ?",
                                            (AUTOMATED,)).fetchone()[0]
        return counts

    def note_undated(self) -> None:
        """Human messages without a usable date cannot be timed: they become problems, named."""
        self.db.execute("INSERT INTO problems SELECT label, 'no usable Date header; not counted' FROM messages "
                        "WHERE at IS NULL AND role != ? ORDER BY seq", (AUTOMATED,))

    def add_outcome(self, row: dict[str, Any]) -> None:
        self.db.execute("INSERT INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (row["status"], int(row["negative"]), row["business_hours"], row["message"],
                         row["message_id"], row["thread"], row["from"], row["subject"], row["received"],
                         row["replied"], "\t".join(row["negative_words"])))

    def outcomes(self, status: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Rows of one status, negative tone first, then the longest wait, as dicts for the formats."""
        rows = self.db.execute("SELECT message, message_id, thread, sender, subject, status, received, replied, "
                               "business_hours, negative, negative_words FROM outcomes WHERE status = ? "
                               "ORDER BY negative DESC, business_hours DESC, message LIMIT ?",
                               (status, -1 if limit is None else limit))
        for row in rows:
            data = dict(zip(OUTCOME_KEYS, row))
            data["negative"] = bool(data["negative"])
            data["negative_words"] = [w for w in data["negative_words"].split("\t") if w]
            yield data

    def add_reply_hours(self, hours: float) -> None:
        self.db.execute("INSERT INTO reply_hours VALUES (?)", (hours,))

    def quantile(self, fraction: float) -> float | None:
        """Linear interpolation between closest ranks (the usual definition; the median is 0.5)."""
        count = self.db.execute("SELECT COUNT(*) FROM reply_hours").fetchone()[0]
        if not count:
            return None
        position = (count - 1) * fraction
        low = int(position)
        values = [v for (v,) in self.db.execute("SELECT hours FROM reply_hours ORDER BY hours LIMIT 2 OFFSET ?",
                                                (low,))]
        high = values[1] if len(values) > 1 else values[0]
        return values[0] + (high - values[0]) * (position - low)

    def problem_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM problems").fetchone()[0]

    def problems(self, limit: int | None = None) -> Iterator[tuple[str, str]]:
        yield from self.db.execute("SELECT label, problem FROM problems ORDER BY rowid LIMIT ?",
                                   (-1 if limit is None else limit,))
