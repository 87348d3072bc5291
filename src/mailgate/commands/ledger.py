"""``mailgate ledger init|import|import-bounces|resubscribe|stats|export``: the contact ledger."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mailgate.ledger.kinds import KINDS


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("ledger", help="create, fill and inspect the contact ledger",
                                   description="The ledger the gate checks recipients against: consent, "
                                               "suppressions, bounces, sends, preferences, calendar (docs/ledger.md).")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    def action(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--ledger", type=Path, metavar="FILE", help="the ledger file (default: 'ledger' in mailgate.yaml)")
        sub.add_argument("--config", type=Path, metavar="FILE", help="configuration file to read 'ledger' from")
        sub.add_argument("--busy-timeout", type=float, metavar="SECONDS",
                         help="how long to wait for a gate or import holding the ledger's lock (default 60)")
        sub.set_defaults(run=handler)
        return sub

    action("init", "create the ledger (an existing one is left as it is)", run_init)
    imports = action("import", "load a CSV or JSONL file of one KIND, all rows or none", run_import)
    imports.formatter_class = argparse.RawDescriptionHelpFormatter
    imports.epilog = "\n".join(f"{kind.name}: {kind.doc}\n  columns: " + ", ".join(
        c.name + ("*" if c.required else "") for c in kind.columns) for kind in KINDS.values()) + \
        "\n(* required; details in docs/ledger.md)"
    imports.add_argument("kind", choices=sorted(KINDS), metavar="KIND", help=", ".join(sorted(KINDS)))
    imports.add_argument("file", type=Path, metavar="FILE")
    imports.add_argument("--source", metavar="NAME", help="where the rows come from (default: the file name)")
    imports.add_argument("--as-of", metavar="TIME",
                         help="when the source exported this data (ISO 8601; default now): suppression freshness")
    bounces = action("import-bounces", "read RFC 3464 bounce reports from an mbox or Maildir", run_import_bounces)
    bounces.add_argument("mailbox", type=Path, metavar="MAILBOX")
    resub = action("resubscribe", "lift an unsubscribe with a new, complete consent record (logged)", run_resubscribe)
    resub.add_argument("address")
    resub.add_argument("--topic", default="*", help="the topic re-subscribed to (default *: everything)")
    resub.add_argument("--given-at", required=True, help="when the new consent was given (ISO 8601)")
    resub.add_argument("--method", required=True, help="how (double-opt-in, web-form …)")
    resub.add_argument("--notice-version", required=True, help="what the person was told")
    resub.add_argument("--given-by", default="", help="who gave it")
    stats = action("stats", "row counts, active suppressions, freshness of each suppression source", run_stats)
    stats.add_argument("-f", "--format", choices=("text", "json"), default="text")
    export = action("export", "write one KIND as CSV (the import columns)", run_export)
    export.add_argument("kind", choices=sorted(KINDS), metavar="KIND")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout")


def _ledger_path(args: argparse.Namespace) -> Path:
    from mailgate.config import settings_for
    from mailgate.errors import MailgateError

    if args.ledger is not None:
        return args.ledger
    settings = settings_for(Path.cwd(), args.config, {})
    if not settings.get("ledger"):
        raise MailgateError("no ledger: pass --ledger FILE or set 'ledger' in mailgate.yaml")
    return settings.base_dir / settings.get("ledger")


def _open(args: argparse.Namespace, create: bool = False) -> Any:
    from mailgate.ledger.store import DEFAULT_BUSY_TIMEOUT_S, Ledger

    timeout = DEFAULT_BUSY_TIMEOUT_S if args.busy_timeout is None else args.busy_timeout
    return Ledger.open(_ledger_path(args), create=create, busy_timeout=timeout)


def run_init(args: argparse.Namespace) -> int:
    ledger = _open(args, create=True)
    print(f"ledger ready: {ledger.path}")
    ledger.close()
    return 0


def run_import(args: argparse.Namespace) -> int:
    from mailgate.errors import MailgateError
    from mailgate.ledger.importer import import_file
    from mailgate.ledger.timestamps import parse_timestamp

    try:
        as_of = parse_timestamp(args.as_of) if args.as_of else None
    except ValueError:
        raise MailgateError(f"--as-of {args.as_of!r} is not an ISO 8601 date-time") from None
    ledger = _open(args)
    try:
        report = import_file(ledger, args.kind, args.file, source=args.source, as_of=as_of)
    finally:
        ledger.close()
    print(f"{report.file}: {report.rows_read} {report.kind} rows read, {report.rows_added} new "
          f"(source {report.source})")
    return 0


def run_import_bounces(args: argparse.Namespace) -> int:
    from mailgate.ledger.dsn import scan_mailbox
    from mailgate.ledger.importer import insert_rows

    scan = scan_mailbox(args.mailbox)
    ledger = _open(args)
    try:
        report = insert_rows(ledger, KINDS["bounces"], scan.rows, file=str(args.mailbox), digest="",
                             source=str(args.mailbox))
    finally:
        ledger.close()
    hard = sum(1 for row in scan.rows if row[1] == "hard")
    print(f"{args.mailbox}: {scan.messages} messages, {scan.reports} delivery-status reports, "
          f"{hard} hard and {len(scan.rows) - hard} soft bounces, {report.rows_added} new")
    return 0


def run_resubscribe(args: argparse.Namespace) -> int:
    from mailgate.ledger.resubscribe import resubscribe

    ledger = _open(args)
    try:
        lifted = resubscribe(ledger, args.address, args.topic, {
            "given_at": args.given_at, "method": args.method, "notice_version": args.notice_version,
            "given_by": args.given_by})
    finally:
        ledger.close()
    print(f"{args.address}: consent recorded for topic {args.topic}; {lifted} unsubscribe(s) lifted")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from mailgate.ledger.inspect import stats

    ledger = _open(args)
    try:
        data = stats(ledger)
    finally:
        ledger.close()
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"ledger {data['ledger']}")
    for name, count in data["rows"].items():
        print(f"  {name:<13} {count:>10}")
    print(f"  active suppressions {data['suppressions_active']} {data['suppressions_by_reason']}")
    print(f"  bounces by kind {data['bounces_by_kind']}")
    for source, as_of in data["suppression_sources_as_of"].items():
        print(f"  suppressions from {source!r} as of {as_of}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    import io

    from mailgate.fileio import write_atomic
    from mailgate.ledger.inspect import export

    ledger = _open(args)
    try:
        buffer = io.StringIO()
        export(ledger, args.kind, buffer)
    finally:
        ledger.close()
    if args.output:
        write_atomic(args.output, buffer.getvalue())
    else:
        sys.stdout.write(buffer.getvalue())
    return 0
