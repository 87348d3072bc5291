"""The hostile-input corpus: small files kept in files/, big and deep ones generated here.

Generated cases are built on demand (a 50 MB body is not committed). ``expectations.yaml``
says, for every case, whether it must end in a per-file error or be checked, and which
words the error or the parse warning must contain. bench/robustness.py measures the same
cases for time and peak memory.
"""

from __future__ import annotations

import base64
import shutil
import zlib
from pathlib import Path
from typing import Callable

import yaml

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
EXPECTATIONS = HERE / "expectations.yaml"
MB = 1024 * 1024

_HEADERS = (b"From: Tienda Ejemplo <hola@tienda-ejemplo.es>\r\nTo: ana@example.com\r\n"
            b"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\nMessage-ID: <gen@tienda-ejemplo.es>\r\nMIME-Version: 1.0\r\n")
_GREETING = "Hola Ana,\r\n\r\ngracias por tu mensaje; te respondemos mañana.\r\n\r\nSaludos,\r\nLuis\r\n"


def _mail(extra: bytes, body: bytes) -> bytes:
    return _HEADERS + extra + b"\r\n" + body


def nested_multipart(depth: int) -> bytes:
    """multipart/mixed inside multipart/mixed ``depth`` times, a text part at the bottom."""
    opening = b"".join(b"--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n" % (i, i + 1)
                       for i in range(depth - 1))
    closing = b"".join(b"--b%d--\r\n" % i for i in reversed(range(depth)))
    body = (opening + b"--b%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" % (depth - 1)
            + _GREETING.encode() + closing)
    return _mail(b"Subject: Anidado\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n", body)


def nested_html(depth: int, tag: str = "div", closed: bool = True) -> bytes:
    inner = "<p>Hallo Anna, danke für Ihre Nachricht.</p>"
    return ("<!doctype html><html lang=\"de\"><body>" + f"<{tag}>" * depth + inner
            + (f"</{tag}>" * depth if closed else "") + "</body></html>").encode()


def nested_front_matter(depth: int) -> bytes:
    return ("---\nsubject: " + "[" * depth + "]" * depth + "\n---\nHello Anna,\n").encode()


def many_tags(count: int) -> bytes:
    return ("<html><body><p>Hello Anna,</p>" + "<i>x</i>" * count + "</body></html>").encode()


def big_body(size: int) -> bytes:
    line = ("Hola Ana, " * 7 + "\r\n").encode()
    return _mail(b"Subject: Cuerpo enorme\r\nContent-Type: text/plain; charset=utf-8\r\n", line * (size // len(line) + 1))


def huge_line(size: int) -> bytes:
    return b"Hello Anna,\n" + b"a" * size + b"\n"


def many_headers(count: int) -> bytes:
    return _mail(b"Subject: Cabeceras\r\n" + b"X-Filler: y\r\n" * count + b"Content-Type: text/plain\r\n",
                 _GREETING.encode())


def long_header(size: int) -> bytes:
    words = b"=?utf-8?q?caf=C3=A9?= " * (size // 22)
    return _mail(b"Subject: " + words + b"\r\nTo: " + b"x@example.com, " * (size // 15 // 8) + b"a@b.c\r\n"
                 b"Content-Type: text/plain\r\n", _GREETING.encode())


def long_mime_parameter(size: int) -> bytes:
    """An attachment whose file name is megabytes of encoded words: the email package's parameter
    parser slows down faster than the header grows (25 s and 11 GB for 560 KB, uncapped)."""
    name = b"=?utf-8?q?a?= " * (size // 14)
    parts = (b"--p\r\nContent-Type: text/plain\r\n\r\n" + _GREETING.encode() + b"\r\n"
             b'--p\r\nContent-Type: application/pdf; name="' + name + b'"\r\n\r\nAAAA\r\n--p--\r\n')
    return _mail(b"Subject: Adjunto\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n", parts)


def many_parts(count: int) -> bytes:
    parts = b"".join(b"--p\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(count))
    return _mail(b"Subject: Partes\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n", parts + b"--p--\r\n")


def base64_bomb(decoded_size: int) -> bytes:
    """A base64 text part that decodes to ``decoded_size`` bytes, wrapped as the MIME rules want.

    Base64 cannot compress, so this is the nearest a message gets to a zip bomb: a part
    whose decoded size is what the limits must bound. A gzip-compressed attachment (a real
    bomb, 1000:1) rides along to show that mailgate never inflates attachments.
    """
    text = base64.encodebytes(b"Hola Ana. " * (decoded_size // 10))
    gzip_bomb = base64.encodebytes(zlib.compress(b"\0" * (50 * MB), 9))
    body = (b"--z\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + text
            + b"--z\r\nContent-Type: application/gzip\r\nContent-Disposition: attachment; filename=\"bomb.gz\"\r\n"
              b"Content-Transfer-Encoding: base64\r\n\r\n" + gzip_bomb + b"--z--\r\n")
    return _mail(b"Subject: Bomba\r\nContent-Type: multipart/mixed; boundary=\"z\"\r\n", body)


GENERATED: dict[str, Callable[[], bytes]] = {
    "mime-nested-100.eml": lambda: nested_multipart(100),
    "mime-nested-5000.eml": lambda: nested_multipart(5000),
    "mime-many-parts.eml": lambda: many_parts(5000),
    "headers-many.eml": lambda: many_headers(5000),
    "headers-long.eml": lambda: long_header(2 * MB),
    "mime-parameter-long.eml": lambda: long_mime_parameter(2 * MB),
    "front-matter-nested-20000.md": lambda: nested_front_matter(20000),
    "html-nested-10000.html": lambda: nested_html(10000),
    "html-nested-10000-unclosed.html": lambda: nested_html(10000, "span", closed=False),
    "html-many-tags.html": lambda: many_tags(30000),
    "body-50mb.eml": lambda: big_body(50 * MB),
    "body-5mb.eml": lambda: big_body(5 * MB),
    "huge-single-line.txt": lambda: huge_line(20 * MB),
    "base64-bomb.eml": lambda: base64_bomb(20 * MB),
}


def expectations() -> dict[str, dict[str, str]]:
    with EXPECTATIONS.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def build(target: Path) -> list[Path]:
    """Write every case under ``target``; return the paths to check (the Maildir as a folder)."""
    shutil.copytree(FILES, target, dirs_exist_ok=True)
    for name, make in GENERATED.items():
        (target / name).write_bytes(make())
    paths = sorted(p for p in target.iterdir() if p.is_file())
    return [*paths, target / "Maildir"]
