"""The gate's files: allowed.csv, excluded.csv, warnings.csv, retry.csv — all or nothing.

Fail closed: every output from an earlier run is removed before the gate reads anything,
and each new file is written under a temporary name and renamed into place only once the
decision is known. allowed.csv is renamed last, and only when the campaign may be sent.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable

from mailgate.fileio import AtomicFile

ALLOWED, EXCLUDED, WARNINGS, RETRY = "allowed.csv", "excluded.csv", "warnings.csv", "retry.csv"
OUTPUT_NAMES = (ALLOWED, EXCLUDED, WARNINGS, RETRY)


class GateOutputs:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._files: dict[str, AtomicFile] = {}
        self._writers: dict[str, Any] = {}
        self.written: dict[str, str] = {}

    def remove_stale(self) -> None:
        for name in OUTPUT_NAMES:
            try:
                (self.directory / name).unlink()
            except FileNotFoundError:
                pass

    def open(self, name: str, header: Iterable[str]) -> None:
        target = AtomicFile(self.directory / name)
        self._files[name] = target
        self._writers[name] = csv.writer(target.stream, lineterminator="\n")
        self._writers[name].writerow(list(header))

    def writer(self, name: str) -> Any:
        return self._writers[name]

    def commit(self, names: Iterable[str]) -> None:
        """Rename these into place (in the order given); the others are discarded."""
        names = list(names)
        for name in names:
            if name in self._files:
                self._files.pop(name).commit()
                self.written[name] = str(self.directory / name)
        self.discard()

    def discard(self) -> None:
        for target in self._files.values():
            target.discard()
        self._files.clear()

    def retract(self, name: str) -> None:
        """Remove a committed file again (the ledger commit after it failed)."""
        try:
            (self.directory / name).unlink()
        except FileNotFoundError:
            pass
        self.written.pop(name, None)
