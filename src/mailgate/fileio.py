"""Writing outputs so that a reader never sees half a file: temp file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


def _default_mode() -> int:
    """The mode a plain open() would give (mkstemp alone would make every output 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_writer(path: Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text stream that becomes ``path`` only when the block ends without an error (for streamed outputs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, _default_mode())
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise


def write_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_writer(path, encoding) as stream:
        stream.write(text)


class AtomicFile:
    """A text file written under a temporary name; ``commit()`` renames it into place, ``discard()`` removes it.

    For outputs whose fate is decided after they are written (the gate writes allowed.csv
    while it reads the audience, and keeps it only if the campaign may be sent).
    """

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, self.temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(self.temp_name, _default_mode())
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
