"""Tone models already read, kept in marshal form across runs.

A model is 70,000 weights: parsing its JSON and checking every number costs about 100 ms a
language at every start, a third of `mailgate check`'s start-up budget; marshal reads the same
dict in about a third of that. An entry is named by the model file's path and by the SHA-1 of
its bytes together with the format and checks it passed (``salt``), so an edited or retrained
model, or a mailgate that checks models differently, never reads a stale entry; writing a model's
entry removes that file's older ones. Only a model that passed load_model's checks is written.
MAILGATE_NO_CACHE or ``--no-cache`` turn it off; an unreadable or broken entry is read from the
JSON again. Like the validation cache, it trusts the user's own cache folder.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

from mailgate.validation_cache import cache_dir, cache_enabled

_LAYOUT = 1  # bump when the cached tuple's layout changes
_FIELDS = 5


def entry_name(path: Path, raw: bytes, salt: str) -> str:
    """``model-<which file>-<which content, format and checks>.marshal``."""
    where = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    what = hashlib.sha1(f"{_LAYOUT}|{salt}|".encode() + raw).hexdigest()
    return f"model-{where}-{what}.marshal"


def _folder(use_cache: bool) -> Path | None:
    return cache_dir() if cache_enabled(use_cache) else None


def read(name: str, use_cache: bool = True) -> tuple[Any, ...] | None:
    """The fields remembered under ``name``, or None."""
    folder = _folder(use_cache)
    if folder is None:
        return None
    try:
        fields = marshal.loads((folder / name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(fields, tuple) and len(fields) == _FIELDS and isinstance(fields[2], float)
            and isinstance(fields[3], dict)):
        return None
    return fields


def write(name: str, fields: tuple[Any, ...], use_cache: bool = True) -> None:
    """Remember a checked model's fields, in place of its file's older entries; a read-only or
    missing cache folder only costs speed."""
    folder = _folder(use_cache)
    if folder is None:
        return
    path = folder / name
    temp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(marshal.dumps(fields))
        os.replace(temp, path)
        for older in folder.glob(name.rsplit("-", 1)[0] + "-*.marshal"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        with suppress(OSError):  # the folder may not exist or be a file: nothing to clean then
            temp.unlink()
