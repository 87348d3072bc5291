"""Turn files into Messages. One module per input format; this one picks the format."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from mailgate.errors import InputError
from mailgate.limits import MAX_MESSAGE_BYTES
from mailgate.load.decode import utf16_without_bom
from mailgate.load.detect import detect_format, looks_binary
from mailgate.message import Message

MESSAGE_SUFFIXES = frozenset({".eml", ".html", ".htm", ".txt", ".md", ".mjml", ".markdown", ".mbox"})
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})
DEFAULT_MAX_BYTES = MAX_MESSAGE_BYTES


def iter_paths(paths: list[str]) -> Iterator[Path]:
    """Expand directories (sorted, hidden and vendor folders skipped); files given by name are kept."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
            in_maildir = Path(root).name in {"cur", "new"}
            for name in sorted(files):
                candidate = Path(root) / name
                if candidate.suffix.lower() in MESSAGE_SUFFIXES or in_maildir:
                    yield candidate


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit "
                             "(raise 'max_message_bytes' in the configuration to check it)", path=str(path))
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


def load_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Message]:
    """Load every message a file holds (one for a template or .eml)."""
    data = read_bytes(path, max_bytes)
    return load_bytes(data, str(path))


def load_bytes(data: bytes, name: str) -> list[Message]:
    data, notes = _plain_bytes(data, name)
    fmt = detect_format(data, name)
    if fmt == "eml":
        from mailgate.load.eml import load_eml

        messages = [load_eml(data, name)]
    else:
        from mailgate.load.template import load_template

        messages = [load_template(data, name, fmt)]
    for message in messages:
        message.defects[:0] = notes
    return messages


def _plain_bytes(data: bytes, name: str) -> tuple[bytes, list[str]]:
    """UTF-16 becomes UTF-8 and stray NUL bytes go, so every loader reads ASCII-compatible bytes."""
    notes = []
    codec = utf16_without_bom(data[:4096]) if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16"
    if codec:
        data = data.decode(codec, errors="replace").encode("utf-8")
        if codec != "utf-16":
            notes.append(f"UTF-16 text without a byte-order mark; read as {codec.upper()}")
    nul_count = data.count(b"\0")
    if nul_count and not looks_binary(data[:8192]):
        data = data.replace(b"\0", b"")
        notes.append(f"{nul_count} NUL byte{'s' if nul_count != 1 else ''} removed (not allowed in mail, RFC 5322)")
    return data, notes
