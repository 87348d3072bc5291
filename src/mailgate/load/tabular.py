"""Tables from CSV (header row; comma or semicolon; UTF-8 with or without BOM) or JSONL files.

The audience and every ledger import read through here, so a file accepted by one is
accepted by the other. Rows stay lists (not dicts): a million rows cost one list each.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from itertools import islice
from typing import IO, Callable, Iterator

from mailgate.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
csv.field_size_limit(1 << 20)


Chunk = tuple[list[int], list[list[str]]]


@dataclass
class Table:
    """An open table file: its column names and one pass over its rows, in chunks.

    ``chunks(size)`` yields (file line of each row, rows); a row's line is where it starts.
    """

    path: str
    columns: list[str]
    chunks: Callable[[int], Iterator[Chunk]]
    handle: IO[str]

    @property
    def rows(self) -> Iterator[tuple[int, list[str]]]:
        for lines, rows in self.chunks(4096):
            yield from zip(lines, rows)

    def index(self, name: str) -> int | None:
        try:
            return self.columns.index(name)
        except ValueError:
            return None

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_table(path: Path) -> Table:
    """Open ``path`` as CSV or JSONL (by suffix); errors name the file and the line."""
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            return _jsonl(path, handle)
        return _csv(path, handle)
    except BaseException:
        handle.close()
        raise


def _first_line(path: Path, handle: IO[str]) -> str:
    try:
        line = handle.readline()
    except UnicodeDecodeError as exc:
        raise InputError(f"line 1: not UTF-8 ({exc.reason})", path=str(path)) from None
    if "\0" in line:  # NUL is valid UTF-8 but no text table has it: a binary file (or UTF-16)
        raise InputError("line 1: NUL bytes; a binary file, not CSV or JSONL text", path=str(path))
    return line


def _csv(path: Path, handle: IO[str]) -> Table:
    header_line = _first_line(path, handle)
    if not header_line.strip():
        raise InputError("empty file: a CSV needs a header row", path=str(path))
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader(io.StringIO(header_line), delimiter=delimiter))
    columns = [name.strip().lower() for name in header]
    if len(set(columns)) != len(columns):
        raise InputError(f"line 1: a column name appears twice: {columns}", path=str(path))

    def chunks(size: int) -> Iterator[Chunk]:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        try:
            while True:
                before = reader.line_num
                rows = list(islice(reader, size))  # the csv module's C loop; no Python code per row
                if not rows:
                    return
                if reader.line_num - before == len(rows):  # one line per row: lines follow directly
                    lines = list(range(before + 2, before + 2 + len(rows)))
                else:  # quoted fields spanning lines: count them
                    lines, line = [], before + 2
                    for row in rows:
                        lines.append(line)
                        line += 1 + sum(field.count("\n") for field in row)
                yield _checked(path, lines, rows, len(columns))
        except csv.Error as exc:
            raise InputError(f"line {reader.line_num + 1}: {exc}", path=str(path)) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"after line {reader.line_num + 1}: not UTF-8 ({exc.reason})", path=str(path)) from None

    return Table(str(path), columns, chunks, handle)


def _checked(path: Path, lines: list[int], rows: list[list[str]], width: int) -> Chunk:
    """Drop blank lines; a row with another number of fields than the header is an error."""
    if set(map(len, rows)) == {width}:
        return lines, rows
    kept_lines, kept = [], []
    for line, row in zip(lines, rows):
        if len(row) == width:
            kept_lines.append(line)
            kept.append(row)
        elif row and row != [""]:
            raise InputError(f"line {line}: {len(row)} fields, the header has {width}", path=str(path))
    return kept_lines, kept


def _jsonl(path: Path, handle: IO[str]) -> Table:
    first = _first_line(path, handle)
    first_record = _record(path, 1, first) if first.strip() else None
    if first_record is None:
        raise InputError("empty file: JSONL needs one JSON object per line", path=str(path))
    columns = [str(key).strip().lower() for key in first_record]
    keys = list(first_record)

    def records() -> Iterator[tuple[int, list[str]]]:
        yield 1, [_cell(first_record.get(k)) for k in keys]
        line_no = 1
        try:
            for line in handle:
                line_no += 1
                if line.strip():
                    record = _record(path, line_no, line)
                    yield line_no, [_cell(record.get(k)) for k in keys]
        except UnicodeDecodeError as exc:
            raise InputError(f"line {line_no + 1}: not UTF-8 ({exc.reason})", path=str(path)) from None

    def chunks(size: int) -> Iterator[Chunk]:
        source = records()
        while True:
            chunk = list(islice(source, size))
            if not chunk:
                return
            yield [line for line, _ in chunk], [values for _, values in chunk]

    return Table(str(path), columns, chunks, handle)


def _record(path: Path, line_no: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(f"line {line_no}: not JSON ({exc})", path=str(path)) from None
    if not isinstance(record, dict):
        raise InputError(f"line {line_no}: expected a JSON object", path=str(path))
    return record


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return str(value)
