"""Writing outputs so that a reader never sees half a file: temp file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO


class AtomicFile:
    """A text file written under a temporary name; ``commit()`` renames it into place, ``discard()`` removes it.

    Until commit the target path is untouched, so an interrupted writer leaves no partial file.
    """

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, self.temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.stream: IO[str] = os.fdopen(handle, "w", encoding=encoding, newline="")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temp_name, self.path)

    def discard(self) -> None:
        if not self.stream.closed:
            self.stream.close()
        try:
            os.unlink(self.temp_name)
        except OSError:
            pass


def write_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    target = AtomicFile(path, encoding)
    try:
        target.stream.write(text)
        target.commit()
    except BaseException:
        target.discard()
        raise
