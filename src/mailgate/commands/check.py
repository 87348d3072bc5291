"""``mailgate check PATH...``: lint messages, templates and drafts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mailgate.commands.options import (add_config_options, add_output_options, add_plugin_options, config_overrides,
                                       disabled_plugins, emit, use_color)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("check", help="lint messages and templates (directories are walked)",
                                   description="Lint .eml, .html/.htm, .txt and .md files (and mbox/Maildir "
                                               "messages) against the rules. Exit 1 when something blocks.")
    add_check_arguments(parser, "text")


def add_check_arguments(parser: argparse.ArgumentParser, default_format: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    add_config_options(parser)
    parser.add_argument("--in-reply-to", type=Path, metavar="FILE",
                        help="the customer's message the checked draft(s) answer (for reply-sla, "
                             "late-reply-apology, questions-answered, autoreply-headers)")
    parser.add_argument("--statistics", action="store_true", help="count findings per rule after the report")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="check files in N processes")
    add_output_options(parser, default_format)
    add_plugin_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mailgate.model import RunResult
    from mailgate.report.base import FormatOptions
    from mailgate.runner import Runner

    runner = Runner(disabled_plugins(args), config_overrides(args), args.config, use_cache=not args.no_cache,
                    in_reply_to=args.in_reply_to)
    formatter = runner.formatter(args.format)
    runner.keep_previews(formatter.needs_preview)
    results = runner.check_paths(args.paths, jobs=max(1, args.jobs))
    run_result = RunResult(results, errors=list(runner.registry.errors), strict=runner.strict)
    options = FormatOptions(color=use_color(args, sys.stdout), statistics=args.statistics,
                            rules=runner.registry.rules, command="check")
    emit(formatter.render(run_result, options), args)
    return run_result.exit_code()

