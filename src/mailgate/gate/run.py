"""One gate run: template rules, recipient rules, campaign rules, the decision, the outputs.

Order matters for failing closed: stale outputs are removed first; the ledger's write
lock is taken before the ledger is read when sends are recorded (so the decision and the
record are one transaction); allowed.csv is renamed into place last, and only on "send".
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mailgate.config import Settings, settings_for
from mailgate.engine import Engine
from mailgate.errors import MailgateError
from mailgate.gate.context import GateContext
from mailgate.gate.outputs import ALLOWED, EXCLUDED, RETRY, WARNINGS, GateOutputs
from mailgate.gate.recipients import RecipientTally, judge_audience
from mailgate.ledger.store import DEFAULT_BUSY_TIMEOUT_S, Ledger
from mailgate.ledger.timestamps import from_stored, now_utc, stored
from mailgate.ledger.view import LedgerView
from mailgate.load import DEFAULT_MAX_BYTES, load_path
from mailgate.load.audience import DEFAULT_BATCH_SIZE, Audience, RecipientBatch
from mailgate.load.campaign import Campaign, load_campaign
from mailgate.message import Message
from mailgate.model import FileResult, RunResult
from mailgate.plugins import build_host
from mailgate.registry import Registry
from mailgate.report.base import Formatter
from mailgate.rules.model import Rule

RETRY_STATUSES = ("4.",)


@dataclass
class GateOptions:
    out_dir: Path | None = None
    ledger: Path | None = None
    record: bool = False
    at: datetime | None = None
    progress: bool = False
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    disabled_plugins: tuple[str, ...] = ()
    use_cache: bool = True
    format: str = "text"


@dataclass
class GateOutcome:
    """What the command reports: the findings, the recipient counts, the files, the decision."""

    run: RunResult = field(default_factory=RunResult)
    tally: RecipientTally | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    decision: str = "error"  # send | blocked | error
    formatter: "Formatter | None" = None
    rules: dict[str, Rule] = field(default_factory=dict)


def default_out_dir(campaign_path: Path) -> Path:
    return Path("out") / campaign_path.stem


def run_gate(campaign_path: Path, options: GateOptions) -> GateOutcome:
    """Judge the campaign; never raises for bad input (it becomes an error outcome, exit 2)."""
    outputs = GateOutputs(options.out_dir or default_out_dir(campaign_path))
    outputs.remove_stale()
    outcome = GateOutcome()
    outcome.run.extra.update(campaign=None, recipients=None)
    try:
        _run(campaign_path, options, outputs, outcome)
    except (MailgateError, sqlite3.Error, OSError) as exc:
        outputs.discard()
        outcome.decision, outcome.outputs = "error", {}
        outcome.run.errors.append(str(exc) if isinstance(exc, MailgateError)
                                  else f"{campaign_path}: {type(exc).__name__}: {exc}")
    except BaseException:
        outputs.discard()
        raise
    return outcome


def _run(campaign_path: Path, options: GateOptions, outputs: GateOutputs, outcome: GateOutcome) -> None:
    run = outcome.run
    settings = settings_for(campaign_path, options.config, options.overrides, options.use_cache)
    run.strict = bool(settings.get("strict"))
    registry = Registry(build_host(options.disabled_plugins), use_cache=options.use_cache)
    engine = Engine(registry)
    rule_set = engine.rule_set(settings)
    formatters = registry.formatters  # asked now, so a failing plugin stops the gate before any decision
    if options.format not in formatters:
        raise MailgateError(f"unknown format {options.format!r} (known: {', '.join(sorted(formatters))})")
    outcome.formatter, outcome.rules = formatters[options.format], registry.rules
    if registry.errors:  # a plugin that failed to load: its rules are missing, so no decision
        run.errors.extend(registry.errors)
        return
    campaign = load_campaign(campaign_path)
    selected = [compiled.rule for compiled in rule_set.rules]
    manifest_ids = [r.id for r in selected if r.check == "manifest"]
    at = options.at or _send_time(campaign)
    gate_settings: dict[str, Any] = settings.get("gate") or {}
    run.extra["campaign"] = {"id": campaign.id, "name": campaign.manifest.get("name"), "path": str(campaign_path),
                             "department": campaign.department, "channel": campaign.channel,
                             "topic": campaign.topic, "send_time": stored(at)}
    run.results.extend(_check_templates(engine, campaign,
                                        settings.merged({"ignore": [*(settings.get("ignore") or []), *manifest_ids]})))
    ledger = Ledger.open(_ledger_path(options, settings),
                         busy_timeout=float(gate_settings.get("busy_timeout_s", DEFAULT_BUSY_TIMEOUT_S)))
    try:
        ledger.begin(write=options.record)
        try:
            view = LedgerView(ledger.db, at)
            recorder = _recorder(ledger, campaign, at) if options.record else None
            outcome.tally = _judge(campaign, [r for r in selected if r.check == "recipient"], registry,
                                   GateContext(campaign, view, at, settings.data), outputs, recorder,
                                   gate_settings, options.progress)
            if outcome.tally.total == 0:  # a wrong or truncated export: never a silent "send to nobody"
                raise MailgateError("the audience has no recipient rows; refusing to decide on an empty list",
                                    path=str(campaign.audience))
            run.extra["recipients"] = outcome.tally.as_dict()
            _write_retry(outputs, view, campaign, tuple(gate_settings.get("retry_statuses", RETRY_STATUSES)))
            campaign.manifest.facts = _facts(outcome.tally, view, ledger, at)
            if manifest_ids:
                campaign_settings = settings.merged({"select": manifest_ids})
                run.results.insert(0, engine.check_message(_campaign_message(campaign), campaign_settings,
                                                           campaign.manifest))
            _decide(outcome, outputs)
        except BaseException:
            ledger.db.execute("ROLLBACK")
            raise
        if outcome.decision != "send":
            ledger.db.execute("ROLLBACK")
            return
        try:
            ledger.db.execute("COMMIT")
        except sqlite3.Error:
            outputs.retract(ALLOWED)
            raise
    finally:
        ledger.close()


def _judge(campaign: Campaign, rules: list[Rule], registry: Registry, context: GateContext, outputs: GateOutputs,
           recorder: Any, gate_settings: dict[str, Any], progress: bool) -> RecipientTally:
    audience = Audience(campaign.audience, campaign.email_column, campaign.contact_id_column,
                        need_email=campaign.channel == "email")
    try:
        return judge_audience(audience, rules, context, registry.host.manager.hook.mailgate_recipient_checks,
                              outputs, recorder, int(gate_settings.get("batch_size", DEFAULT_BATCH_SIZE)), progress)
    finally:
        audience.close()


def _decide(outcome: GateOutcome, outputs: GateOutputs) -> None:
    """Errors write nothing; a block writes the lists that explain it but no allowed list."""
    verdict = outcome.run.verdict().value
    if verdict == "error":
        outputs.discard()
        outcome.decision = "error"
    elif verdict == "block":
        outputs.commit([EXCLUDED, WARNINGS, RETRY])
        outcome.decision = "blocked"
    else:
        outputs.commit([EXCLUDED, WARNINGS, RETRY, ALLOWED])
        outcome.decision = "send"
    outcome.outputs = dict(outputs.written)


def _send_time(campaign: Campaign) -> datetime:
    """The planned start when it is still ahead, else now: caps and freshness are judged as of the send."""
    start, now = campaign.scheduled_start(), now_utc()
    return start if start is not None and start > now else now


def _ledger_path(options: GateOptions, settings: Settings) -> Path:
    if options.ledger is not None:
        return options.ledger
    configured = settings.get("ledger")
    if not configured:
        raise MailgateError("no ledger: pass --ledger FILE or set 'ledger' in mailgate.yaml")
    return settings.base_dir / configured


def _check_templates(engine: Engine, campaign: Campaign, settings: Settings) -> list[FileResult]:
    """The message rules on each template, with the manifest's kind, sender and language filled in."""
    results = []
    sender = campaign.manifest.get("sender") or {}
    from_value = f"{sender.get('name', '')} <{sender['address']}>".strip() if sender.get("address") else ""
    for path in campaign.templates:
        try:
            messages = load_path(path, settings.get("max_message_bytes", DEFAULT_MAX_BYTES))
        except MailgateError as exc:
            results.append(FileResult(str(path), errors=[str(exc)]))
            continue
        for message in messages:
            defaults = {"kind": campaign.kind, "from": from_value, "lang": campaign.manifest.get("lang")}
            for name, value in defaults.items():
                if value and not message.fields.get(name):
                    message.fields[name] = value
            results.append(engine.check_message(message, settings, campaign.manifest))
    return results


def _campaign_message(campaign: Campaign) -> Message:
    """campaign.yaml as the document campaign rules run on: findings point into the manifest."""
    return Message(path=str(campaign.path), source=campaign.source, fmt="text", plain="",
                   fields={"kind": "campaign", "lang": campaign.manifest.get("lang") or "und"})


def _facts(tally: RecipientTally, view: LedgerView, ledger: Ledger, at: datetime) -> dict[str, Any]:
    facts: dict[str, Any] = {"total": tally.total, "excluded": tally.excluded_by_block,
                             "excluded_ratio": round(tally.excluded_by_block / tally.total, 4) if tally.total else 0.0}
    sources = view.suppression_sources()
    if not sources:  # nothing imported yet: the ledger is as fresh as its creation
        created = ledger.db.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
        sources = {"(no suppression import since the ledger was created)": created[0]} if created else {}
    if sources:
        source, as_of = min(sources.items(), key=lambda item: item[1])
        age = (at - from_stored(as_of)).total_seconds() / 3600
        facts.update({"suppression_age_hours": max(0.0, math.floor(age * 10) / 10), "source": source})
    return facts


def _recorder(ledger: Ledger, campaign: Campaign, at: datetime) -> Any:
    """Appends allowed recipients to the send history inside the gate's open transaction."""
    import_id = ledger.db.execute(
        "INSERT INTO import_log (kind, file, sha256, rows_read, rows_added, source, as_of, imported_at) "
        "VALUES ('sends', ?, '', 0, 0, ?, ?, ?)",
        (str(campaign.path), f"gate:{campaign.id}", stored(at), stored(now_utc()))).lastrowid
    sent_at = stored(at)
    fixed = (campaign.id, campaign.channel, campaign.department, campaign.topic, sent_at, import_id)

    def record(batch: RecipientBatch, rows: list[int]) -> None:
        try:
            ledger.db.executemany(
                "INSERT INTO send (email, contact_id, campaign_id, channel, department, topic, sent_at, import_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ((batch.keys[i], batch.contact_ids[i], *fixed) for i in rows))
        except sqlite3.IntegrityError:
            raise MailgateError(f"campaign {campaign.id!r} is already recorded as sent to some of these recipients "
                                f"at {sent_at}; nothing was recorded") from None
        ledger.db.execute("UPDATE import_log SET rows_read = rows_read + ?, rows_added = rows_added + ? WHERE id = ?",
                          (len(rows), len(rows), import_id))

    return record


def _write_retry(outputs: GateOutputs, view: LedgerView, campaign: Campaign, statuses: tuple[str, ...]) -> None:
    outputs.open(RETRY, ["email", "status", "bounced_at"])
    writer = outputs.writer(RETRY)
    blocked_hard = view.hard_bounces().by_email
    suppressed = view.suppressions(campaign.topic).by_email
    for email, status, when in view.campaign_retry(campaign.id, statuses):
        if email not in blocked_hard and email not in suppressed:
            writer.writerow([email, status, when])
