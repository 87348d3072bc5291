"""``mailgate inbox MAILBOX``: unanswered and late customer mail against the reply target."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mailgate.commands.options import add_plugin_options

EXIT_BY_VERDICT = {"pass": 0, "block": 1, "error": 2}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "inbox", help="SLA report of a support mailbox: unanswered, late, first-reply times",
        description="Read an mbox file or a Maildir folder of a support address: thread it, find customer "
                    "messages left unanswered or answered late, and report first-reply times in business "
                    "hours. Auto-replies, bounces and list mail are not customer messages.",
        epilog="Exit codes: 0 every customer message answered in time (or still within the target); "
               "1 a message is overdue or was answered late; 2 usage or configuration error, an unreadable "
               "mailbox, or a message in it that could not be read (the report still names it).")
    parser.add_argument("mailbox", type=Path, metavar="MAILBOX", help="an mbox file or a Maildir folder")
    parser.add_argument("--support", action="append", default=[], metavar="ADDRESS",
                        help="our address (support@shop.example) or domain (@shop.example); repeatable; "
                             "adds to inbox.support_addresses in the configuration")
    parser.add_argument("--as-of", metavar="WHEN",
                        help="the moment the report is made (ISO 8601; default now), for reproducible reports")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="use this configuration instead of the nearest mailgate.yaml / pyproject.toml")
    parser.add_argument("-f", "--format", choices=("text", "json", "csv"), default="text",
                        help="text (default), json, or csv (one row per customer message)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE (atomically)")
    add_plugin_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from mailgate.business_time import calendar_from_settings
    from mailgate.commands.options import disabled_plugins
    from mailgate.config import settings_for
    from mailgate.errors import MailgateError
    from mailgate.inbox.records import SupportAddresses, robot_senders
    from mailgate.inbox.tone import negative_words
    from mailgate.load import DEFAULT_MAX_BYTES
    from mailgate.plugins import build_host
    from mailgate.registry import Registry
    from mailgate.reply_context import parse_moment, target_hours

    settings = settings_for(args.mailbox, args.config, {}, not args.no_cache)
    registry = Registry(build_host(disabled_plugins(args)), use_cache=not args.no_cache)
    rule = registry.rules.get("reply-sla")
    if registry.errors:
        raise MailgateError("; ".join(registry.errors))
    inbox_settings = settings.get("inbox") or {}
    ours = SupportAddresses([*inbox_settings.get("support_addresses", []), *args.support])
    if not ours:
        raise MailgateError("which addresses are ours? Give --support ADDRESS (or @domain), or set "
                            "inbox: {support_addresses: [...]} in mailgate.yaml")
    calendar = calendar_from_settings(settings.data)
    as_of = parse_moment(args.as_of, calendar.tz, what="--as-of") or datetime.now(timezone.utc)
    lexicons = registry.lexicons(settings)
    options = {"ours": ours, "calendar": calendar, "as_of": as_of, "tone": negative_words(lexicons),
               "is_robot": robot_senders(lexicons),
               "target_hours": target_hours(settings.data, "reply-sla", rule.options["max_hours"] if rule else 24),
               "max_bytes": settings.get("max_message_bytes", DEFAULT_MAX_BYTES)}
    return EXIT_BY_VERDICT[_write_report(args, options, inbox_settings.get("max_listed", 50))]


def _write_report(args: argparse.Namespace, options: dict[str, Any], max_listed: int) -> str:
    """Stream the report to --output (a temp file renamed at the end) or stdout; CSV rows are
    written while the mailbox is read. Returns the verdict."""
    from contextlib import nullcontext

    from mailgate.fileio import atomic_writer
    from mailgate.inbox.render import CsvSink, write_json, write_text
    from mailgate.inbox.sla import analysed

    with atomic_writer(args.output) if args.output else nullcontext(sys.stdout) as stream:
        sink = CsvSink(stream) if args.format == "csv" else None
        with analysed(args.mailbox, sink=sink, **options) as report:
            if sink is not None:
                sink.problems(report)
            elif args.format == "json":
                write_json(report, stream)
            else:
                write_text(report, stream, max_listed)
            return report.verdict
