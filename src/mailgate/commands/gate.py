"""``mailgate gate CAMPAIGN.yaml``: may this campaign be sent, and to whom.

Exit 0: send (allowed.csv written). Exit 1: blocked (a campaign-level block, or too many
excluded) — excluded.csv and retry.csv are written so people can see why, allowed.csv is
not. Exit 2: error — nothing is written, and a stale allowed.csv is removed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mailgate.commands.options import (add_config_options, add_output_options, add_plugin_options, config_overrides,
                                       disabled_plugins, emit, use_color)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gate", help="the pre-send gate: go/no-go, allowed.csv and excluded.csv",
        description="Check a campaign before it is sent: the message rules on its templates, the campaign rules "
                    "on its manifest, and the recipient rules on every audience row against the ledger. "
                    "Exit 0 send, 1 blocked (no allowed list), 2 error (nothing written).")
    parser.add_argument("campaign", type=Path, metavar="CAMPAIGN.yaml")
    parser.add_argument("--ledger", type=Path, metavar="FILE", help="the ledger (default: 'ledger' in mailgate.yaml)")
    parser.add_argument("--out-dir", type=Path, metavar="DIR",
                        help="where allowed.csv, excluded.csv, warnings.csv and retry.csv go "
                             "(default: out/<manifest name>)")
    parser.add_argument("--record", action="store_true",
                        help="on 'send', append the allowed sends to the ledger in the decision's transaction")
    parser.add_argument("--at", metavar="TIME", help="judge as of this send time (ISO 8601) instead of the "
                                                     "schedule's start or now")
    add_config_options(parser)
    add_output_options(parser)
    add_plugin_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mailgate.errors import MailgateError
    from mailgate.gate.run import GateOptions, run_gate
    from mailgate.ledger.timestamps import parse_timestamp
    from mailgate.report.base import FormatOptions

    try:
        at = parse_timestamp(args.at) if args.at else None
    except ValueError:
        raise MailgateError(f"--at {args.at!r} is not an ISO 8601 date-time") from None
    options = GateOptions(out_dir=args.out_dir, ledger=args.ledger, record=args.record, at=at,
                          progress=sys.stderr.isatty(), config=args.config, overrides=config_overrides(args),
                          disabled_plugins=tuple(disabled_plugins(args)), use_cache=not args.no_cache,
                          format=args.format)
    outcome = run_gate(args.campaign, options)
    outcome.run.extra["decision"] = outcome.decision
    outcome.run.extra["outputs"] = outcome.outputs
    formatter = outcome.formatter or _builtin_formatter(args.format)
    text = formatter.render(outcome.run, FormatOptions(color=use_color(args, sys.stdout), rules=outcome.rules,
                                                       command="gate"))
    if not formatter.machine:
        text += gate_summary(outcome)
    emit(text, args)
    return outcome.run.exit_code()


def gate_summary(outcome: Any) -> str:
    """The recipients part of the text report: counts by rule and where the lists went."""
    lines = []
    tally = outcome.tally
    if tally is not None:
        lines.append(f"Recipients: {tally.total} total, {tally.allowed} allowed, {tally.excluded} excluded.")
        for rule_id, count in sorted(tally.as_dict()["by_rule"].items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {count:>8}  {rule_id}")
    for name, path in outcome.outputs.items():
        lines.append(f"Wrote {path}")
    verdict = {"send": "SEND: the campaign may go out to allowed.csv.",
               "blocked": "BLOCKED: nothing may be sent; no allowed list was written.",
               "error": "ERROR: the gate could not decide; no allowed list was written."}[outcome.decision]
    lines.append(verdict)
    return "\n".join(lines) + "\n"


def _builtin_formatter(name: str) -> Any:
    from mailgate.report.formatters import mailgate_formatters

    formatters = {f.name: f for f in mailgate_formatters()}
    return formatters.get(name, formatters["text"])
