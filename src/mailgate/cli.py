"""Command-line parsing and exit codes only; each command's work lives in mailgate.commands.

Exit codes: 0 nothing blocks, 1 something blocks, 2 usage error, unreadable input or an
internal error. Heavy modules are imported by the command that needs them (start-up time).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

COMMANDS = ("check", "report", "rules", "inbox", "gate", "ledger")
EXIT_ERROR = 2


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is imported (start-up time)."""
    from mailgate import __version__

    parser = argparse.ArgumentParser(
        prog="mailgate",
        description="A rules-engine compliance linter and pre-send gate for email.",
        epilog="Exit codes: 0 nothing blocks, 1 something blocks, 2 error. `mailgate COMMAND -h` for details.",
    )
    parser.add_argument("--version", action="version", version=f"mailgate {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS if command not in COMMANDS else (command,):
        importlib.import_module(f"mailgate.commands.{name}").add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(next((a for a in arguments if not a.startswith("-")), None))
    args = parser.parse_args(arguments)
    from mailgate.errors import MailgateError

    try:
        return int(args.run(args))
    except MailgateError as exc:
        print(f"mailgate: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mailgate: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 — never a bare traceback for users; MAILGATE_DEBUG shows it
        if os.environ.get("MAILGATE_DEBUG"):
            raise
        print(f"mailgate: internal error: {type(exc).__name__}: {exc} (set MAILGATE_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
