"""Tone models already read, by the digest of their file, in marshal form across runs.

A model is 70,000 weights: parsing its JSON and checking every number costs about 100 ms a
language at every start, a third of `mailgate check`'s start-up budget; marshal reads the same
dict in about a third of that. The key is the SHA-1 of the model file's bytes, so an edited or
retrained model is never read stale, and only a model that passed load_model's checks is
written. MAILGATE_NO_CACHE turns it off; an unreadable or broken entry is read from JSON again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

from mailgate.validation_cache import cache_dir, cache_enabled

_VERSION = 1  # bump when the cached tuple's layout changes


def digest(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / f"model-{_VERSION}-{key}.marshal"


def read(key: str) -> tuple[Any, ...] | None:
    """The fields remembered for a model file of this digest, or None."""
    if not cache_enabled():
        return None
    try:
        fields = marshal.loads(_path(key).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return fields if isinstance(fields, tuple) and len(fields) == 5 and isinstance(fields[3], dict) else None


def write(key: str, fields: tuple[Any, ...]) -> None:
    """Remember a checked model's fields; a read-only home only costs speed."""
    if not cache_enabled():
        return
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(marshal.dumps(fields))
        os.replace(temp, path)
    except OSError:
        pass
