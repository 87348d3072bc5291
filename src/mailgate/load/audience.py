"""The campaign's audience, streamed in batches of recipients with their addresses normalised.

Batches (not single rows) go to the recipient checks, so a million recipients cost a few
hundred plugin calls, and memory holds one batch of raw rows at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterator

from mailgate.addresses import normalise_address
from mailgate.errors import InputError
from mailgate.load.tabular import Table, open_table

DEFAULT_BATCH_SIZE = 20_000


@dataclass
class RecipientBatch:
    """Consecutive audience rows: ``keys[i]`` is the normalised address of ``rows[i]``.

    ``start`` is the position of the first row in the whole audience (0-based), ``lines``
    the file lines (for error messages and the excluded list).
    """

    start: int
    lines: list[int]
    rows: list[list[str]]
    emails: list[str]
    keys: list[str]
    contact_ids: list[str]
    lookups: dict[int, list[Any]] = field(default_factory=dict)  # ledger slice lookups, shared by rules

    def __len__(self) -> int:
        return len(self.rows)


class Audience:
    """An open audience file; iterate ``batches()`` once."""

    def __init__(self, path: Path, email_column: str = "email", contact_id_column: str = "contact_id",
                 *, need_email: bool = True) -> None:
        self.path = path
        self.table: Table = open_table(path)
        self.columns = self.table.columns
        self.email_at = self.table.index(email_column)
        self.contact_at = self.table.index(contact_id_column)
        if self.email_at is None and (need_email or self.contact_at is None):
            self.table.close()
            wanted = email_column if need_email else f"{email_column} or {contact_id_column}"
            raise InputError(f"the audience has no {wanted!r} column (columns: {', '.join(self.columns)})",
                             path=str(path))

    def batches(self, size: int = DEFAULT_BATCH_SIZE) -> Iterator[RecipientBatch]:
        position = 0
        for lines, rows in self.table.chunks(size):
            if rows:
                yield _batch(position, lines, rows, self.email_at, self.contact_at)
                position += len(rows)

    def close(self) -> None:
        self.table.close()


def _batch(start: int, lines: list[int], rows: list[list[str]], email_at: int | None,
           contact_at: int | None) -> RecipientBatch:
    blank = [""] * len(rows)
    emails = list(map(itemgetter(email_at), rows)) if email_at is not None else blank
    contacts = list(map(str.strip, map(itemgetter(contact_at), rows))) if contact_at is not None else blank
    return RecipientBatch(start, lines, rows, emails, list(map(normalise_address, emails)), contacts)
