"""Options several commands share: output format and destination, plugins, configuration."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def add_output_options(parser: argparse.ArgumentParser, default_format: str = "text") -> None:
    parser.add_argument("-f", "--format", default=default_format, metavar="NAME",
                        help="output format: text, json, sarif, junit, github, or one a plugin adds "
                             f"(default {default_format})")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour text output (auto: only on a terminal, never with NO_COLOR)")


def add_plugin_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-p", dest="plugin_flags", action="append", default=[], metavar="no:NAME",
                        help="block a plugin by name (e.g. -p no:mailgate_example); "
                             "MAILGATE_DISABLE_PLUGIN_AUTOLOAD=1 loads no outside plugins")
    parser.add_argument("--no-cache", action="store_true",
                        help="read and write no cache: validate every rule and configuration file, "
                             "parse every tone model")


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="use this configuration instead of the nearest mailgate.yaml / pyproject.toml")
    parser.add_argument("--select", type=_id_list, metavar="IDS", help="comma-separated rule ids or prefixes to run")
    parser.add_argument("--ignore", type=_id_list, metavar="IDS", help="comma-separated rule ids or prefixes to skip")
    parser.add_argument("--strict", action="store_true", default=None, help="warnings block too (exit 1)")


def _id_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def disabled_plugins(args: argparse.Namespace) -> list[str]:
    return [flag[3:] for flag in getattr(args, "plugin_flags", []) if flag.startswith("no:")]


def config_overrides(args: argparse.Namespace) -> dict[str, Any]:
    return {"select": args.select, "ignore": args.ignore, "strict": args.strict}


def use_color(args: argparse.Namespace, stream: Any) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR") or args.output:
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def emit(text: str, args: argparse.Namespace) -> None:
    """Write the report to --output atomically (temp file, then rename), or to stdout."""
    if not args.output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from mailgate.fileio import write_atomic

    write_atomic(Path(args.output), text)
