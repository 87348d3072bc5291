"""Mailboxes: mbox files read as a stream, one message at a time, and Maildir folders.

``mailbox.mbox`` first builds a table of contents of every message (memory that grows with
the mailbox, and a second pass over the file); a support mailbox can hold millions of
messages. This reader splits the file exactly as ``mailbox.mbox`` does — a ``From `` line
at the start or after an empty line begins a message — while reading it once, so memory
stays flat. Each message is parsed on its own: a broken one is an error for that message,
and the rest of the mailbox goes on.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from mailgate.errors import InputError, MailgateError
from mailgate.load.detect import looks_like_mail
from mailgate.message import Message

MBOX_SUFFIXES = frozenset({".mbox", ".mbx"})
# Replies usually follow their question closely; remember this many recent messages to
# find the customer's message a reply answers, without holding the whole mailbox.
RECENT_MESSAGES = 200


@dataclass(frozen=True)
class RawMessage:
    """One message of a mailbox: its name in reports (``path#N``), its bytes, or why it is unreadable."""

    label: str
    data: bytes
    line: int = 1
    error: str | None = None
    envelope: str = ""  # the mbox "From sender date" line, whose date stands in for a missing Date header


def is_mbox(path: Path) -> bool:
    """An ``.mbox`` file, or any file (not ``.eml``) whose first line is an mbox ``From `` line before headers."""
    if path.suffix.lower() in MBOX_SUFFIXES:
        return True
    if path.suffix.lower() == ".eml" or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    return head.startswith(b"From ") and looks_like_mail(head)


def iter_mbox(path: Path, max_bytes: int) -> Iterator[RawMessage]:
    """Stream an mbox: one RawMessage per message; a message over ``max_bytes`` is an error, not a crash."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    with handle:
        number, start_line, size, envelope = 0, 1, 0, b""
        chunk: list[bytes] = []
        previous_blank = True
        for line_number, line in enumerate(handle, 1):
            if previous_blank and line.startswith(b"From "):
                if number:
                    yield _raw(path, number, start_line, chunk, size, max_bytes, envelope)
                number, start_line, size, chunk, envelope = number + 1, line_number + 1, 0, [], line
            elif number:
                size += len(line)
                if size <= max_bytes:
                    chunk.append(line)
            previous_blank = line in (b"\n", b"\r\n")
        if number:
            yield _raw(path, number, start_line, chunk, size, max_bytes, envelope)
        else:
            raise InputError("not an mbox: no 'From ' line starts a message", path=str(path))


def _raw(path: Path, number: int, line: int, chunk: list[bytes], size: int, max_bytes: int,
         envelope: bytes) -> RawMessage:
    label = f"{path}#{number}"
    if chunk and chunk[-1] in (b"\n", b"\r\n"):
        chunk.pop()  # the empty line that separates messages belongs to neither (as in mailbox.mbox)
    if size > max_bytes:
        return RawMessage(label, b"", line, f"message is {size / 1048576:.1f} MB, over the "
                                            f"{max_bytes / 1048576:.0f} MB limit")
    return RawMessage(label, b"".join(chunk), line, envelope=envelope.decode("ascii", "replace").strip())


def iter_maildir(path: Path) -> Iterator[RawMessage]:
    """The messages of a Maildir (``new`` and ``cur``), read one file at a time."""
    for sub in ("new", "cur"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if not entry.is_file() or entry.name.startswith("."):
                continue
            try:
                with open(entry.path, "rb") as handle:
                    yield RawMessage(entry.path, handle.read())
            except OSError as exc:
                yield RawMessage(entry.path, b"", 1, f"cannot read: {exc.strerror or exc}")


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def iter_mailbox(path: Path, max_bytes: int) -> Iterator[RawMessage]:
    """Every message of an mbox file or a Maildir folder."""
    if is_maildir(path):
        return iter_maildir(path)
    if path.is_dir():
        raise InputError("a folder that is not a Maildir (it needs cur/ and new/)", path=str(path))
    if not path.exists():
        raise InputError("no such file", path=str(path))
    return iter_mbox(path, max_bytes)


def load_mailbox_messages(path: Path, max_bytes: int) -> Iterator[tuple[int, Message | MailgateError]]:
    """(first line in the file, message) for ``mailgate check``: each named ``path#N``, a reply given its
    customer's message when that message came shortly before it in the same mailbox."""
    from mailgate.load import load_bytes

    recent: OrderedDict[str, Message] = OrderedDict()
    for raw in iter_mailbox(path, max_bytes):
        if raw.error:
            yield raw.line, InputError(raw.error, path=raw.label)
            continue
        try:
            messages = load_bytes(raw.data, raw.label)
        except MailgateError as exc:
            yield raw.line, exc
            continue
        for message in messages:
            _link_customer(message, recent)
            yield raw.line, message


def _link_customer(message: Message, recent: "OrderedDict[str, Message]") -> None:
    for parent in reversed(referenced_ids(message.field_text("in_reply_to"), message.field_text("references"))):
        if parent in recent:
            message.customer = recent[parent]
            break
    own = message.field_text("message_id").strip()
    if own:
        recent[own] = replace(message, customer=None)  # no chains: memory stays bounded
        if len(recent) > RECENT_MESSAGES:
            recent.popitem(last=False)


def referenced_ids(in_reply_to: str, references: str) -> list[str]:
    """Message-IDs a message answers, oldest first (References, then In-Reply-To)."""
    ids = [token for token in references.split() if token.startswith("<")]
    ids += [token for token in in_reply_to.split() if token.startswith("<") and token not in ids]
    return ids
