"""``mailgate report PATH... [-f html]``: the reviewer's report — ``check`` with an HTML default."""

from __future__ import annotations

from typing import Any

from mailgate.commands.check import add_check_arguments


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="a report reviewers can read and forward (HTML by default)",
        description="Check the paths and write one report: every message with its preview (shown inert, in a "
                    "sandbox, remote content blocked) and every finding. Exit codes as for `check`.")
    add_check_arguments(parser, "html")
