"""Remember what already passed JSON Schema validation, by content hash, across runs.

Importing jsonschema and validating costs ~100-200 ms; a rule file or configuration that
passed once against the same schemas passes again. The cache is a JSON list of digests
per kind of document and schema version, in MAILGATE_CACHE_DIR (default
~/.cache/mailgate); MAILGATE_NO_CACHE turns it off, a read-only home only costs speed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_ENV = "MAILGATE_CACHE_DIR"
NO_CACHE_ENV = "MAILGATE_NO_CACHE"


def cache_enabled(wanted: bool = True) -> bool:
    """Caches are read and written when the caller wants them (not ``--no-cache``) and
    MAILGATE_NO_CACHE is unset: one answer for the rule, configuration and model caches."""
    return wanted and not os.environ.get(NO_CACHE_ENV)


def cache_dir() -> Path | None:
    """MAILGATE_CACHE_DIR, else $XDG_CACHE_HOME/mailgate, else ~/.cache/mailgate; None when there is
    no home to find (a user without a passwd entry and no HOME): no cache, only less speed."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mailgate"
    except RuntimeError:
        return None


def data_digest(data: Any) -> str:
    """A digest of parsed data; non-JSON values (YAML dates) keep their type, so a date and
    the same text as a string (which a schema may judge differently) never share a digest."""
    canonical = json.dumps(data, sort_keys=True, default=lambda value: [type(value).__name__, str(value)])
    return hashlib.sha1(canonical.encode()).hexdigest()


class ValidationCache:
    """Digests of documents of one ``kind`` already validated against the schemas ``schema_key`` names."""

    def __init__(self, kind: str, schema_key: str) -> None:
        base = cache_dir()
        salt = hashlib.sha1(schema_key.encode()).hexdigest()[:16]
        self.path = base / f"{kind}-{salt}.json" if base is not None else None
        self._dirty = False
        try:
            self._known = set(json.loads(self.path.read_text(encoding="utf-8"))) if self.path else set()
        except (OSError, ValueError, TypeError):
            self._known = set()

    def known(self, digest: str) -> bool:
        return digest in self._known

    def add(self, digest: str) -> None:
        self._known.add(digest)
        self._dirty = True

    def save(self) -> None:
        if not self._dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(json.dumps(sorted(self._known)), encoding="utf-8")
            os.replace(temp, self.path)
            self._dirty = False
        except OSError:
            pass  # a read-only home only costs speed
