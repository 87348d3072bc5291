"""Judge recipients against one recipient rule with a real ledger: the harness for the
recipient rules' ``examples`` ({recipient, campaign, ledger, earlier}) and their tests."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mailgate.addresses import normalise_address
from mailgate.gate.context import GateContext
from mailgate.gate.recipients import _ask
from mailgate.ledger.importer import insert_rows
from mailgate.ledger.kinds import KINDS, parse_row
from mailgate.ledger.store import Ledger
from mailgate.ledger.view import LedgerView
from mailgate.load.audience import RecipientBatch
from mailgate.load.campaign import Campaign, CampaignManifest

SEND_TIME = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
DEFAULT_CAMPAIGN = {"id": "spring-launch", "name": "Spring launch", "department": "Marketing", "channel": "email",
                    "topic": "products", "kind": "campaign", "sender": {"address": "news@shop.example"},
                    "template": "t.html", "audience": "a.csv"}


def make_ledger(path: Path, rows: dict[str, list[dict[str, Any]]] | None = None) -> Ledger:
    ledger = Ledger.open(path, create=True)
    for kind_name, items in (rows or {}).items():
        kind = KINDS[kind_name]
        insert_rows(ledger, kind, [parse_row(kind, item) for item in items], file=f"<{kind_name}>", digest="",
                    source=f"test-{kind_name}")
    return ledger


def make_batch(recipients: list[dict[str, Any]]) -> RecipientBatch:
    emails = [str(r.get("email", "")) for r in recipients]
    return RecipientBatch(0, list(range(2, len(recipients) + 2)), [[e] for e in emails], emails,
                          [normalise_address(e) if e else "" for e in emails],
                          [str(r.get("contact_id", "")) for r in recipients])


def judge(registry: Any, rule_id: str, recipients: list[dict[str, Any]], ledger: Ledger,
          campaign: dict[str, Any] | None = None, at: datetime = SEND_TIME, **options: Any) -> list[int]:
    """Row indexes the rule flags among ``recipients`` (in order)."""
    rule = registry.rules[rule_id]
    if options:
        rule = rule.with_overrides(None, options)
    manifest = CampaignManifest({**DEFAULT_CAMPAIGN, **(campaign or {})})
    context = GateContext(Campaign(Path("campaign.yaml"), manifest, [], Path("a.csv")), LedgerView(ledger.db, at), at)
    answers = dict(_ask(registry.host.manager.hook.mailgate_recipient_checks, [rule], make_batch(recipients), context))
    return [index for index, _ in answers[rule_id]]


def judge_example(registry: Any, rule_id: str, example: dict[str, Any], tmp_path: Path) -> bool:
    """True when the example's recipient is flagged (it comes after any ``earlier`` rows)."""
    ledger = make_ledger(tmp_path / "ledger.sqlite", example.get("ledger"))
    try:
        rows = [*example.get("earlier", []), example["recipient"]]
        return len(rows) - 1 in judge(registry, rule_id, rows, ledger, example.get("campaign"))
    finally:
        ledger.close()
