"""Coverage-guided fuzzing of the message loader and the checks (atheris / libFuzzer).

    python3 tests/fuzz/fuzz_loader.py -max_total_time=60 [CORPUS_DIR]

Each input is a file's bytes; the first byte picks the file name (so the format sniffing,
the .eml parser and the template loader are all reached). The property is the one
`mailgate check` promises: a clear MailgateError naming the file, or a result without
errors; anything else is a crash libFuzzer reports with the input that caused it.
tests/test_fuzz.py runs it for a few seconds in CI, seeded with tests/robustness/files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("fuzz.eml", "fuzz.html", "fuzz.txt", "fuzz.md", "fuzz")

with atheris.instrument_imports(include=["mailgate", "email"]):
    import email.feedparser  # noqa: F401 — the stdlib parser is where hostile MIME goes first
    import mailgate.document  # noqa: F401 — modules the loaders and checks import lazily
    import mailgate.load.eml  # noqa: F401
    import mailgate.load.template  # noqa: F401
    import mailgate.text.html  # noqa: F401
    import mailgate.text.reply  # noqa: F401
    from mailgate.config import Settings
    from mailgate.engine import Engine
    from mailgate.errors import MailgateError
    from mailgate.load import load_bytes
    from mailgate.plugins import build_host
    from mailgate.registry import Registry

ENGINE = Engine(Registry(build_host(autoload=False), use_cache=False))
SETTINGS = Settings({"default_lang": "en"})  # skip language detection: fuzz the parsers, not lingua


def check_one(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        messages = load_bytes(data[1:], name)
    except MailgateError as exc:
        if not str(exc).startswith(name):
            raise AssertionError(f"load error does not name the file: {exc}") from None
        return
    for message in messages:
        result = ENGINE.check_message(message, SETTINGS)
        if result.errors:
            raise AssertionError(f"check reported errors: {result.errors}")


def main(argv: list[str]) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    atheris.Setup(argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("MAILGATE_DISABLE_PLUGIN_AUTOLOAD", "1")
    main(sys.argv)
