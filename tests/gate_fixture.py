"""Campaign rules' fixtures are campaign manifests (*.yaml): run the gate on them, in process.

A sibling ``<name>.ledger/`` folder holds ``<kind>.csv`` files imported into a fresh
ledger first. The recipient rules run too, since campaign rules such as exclusion-rate
judge what they found.
"""

from __future__ import annotations

from pathlib import Path

from mailgate.gate.run import GateOptions, run_gate
from mailgate.ledger.importer import import_file
from mailgate.ledger.store import Ledger
from mailgate.model import Finding


def gate_findings(manifest: Path, rule_id: str, recipient_rules: list[str], scratch: Path) -> tuple[list[Finding], list[str]]:
    ledger = Ledger.open(scratch / "ledger.sqlite", create=True)
    try:
        folder = manifest.with_suffix(".ledger")
        for csv_file in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
            import_file(ledger, csv_file.stem, csv_file)
    finally:
        ledger.close()
    options = GateOptions(out_dir=scratch / "out", ledger=scratch / "ledger.sqlite", use_cache=False, format="json",
                          overrides={"select": [rule_id, *recipient_rules]})
    outcome = run_gate(manifest, options)
    errors = [*outcome.run.errors, *(e for r in outcome.run.results for e in r.errors)]
    return [f for r in outcome.run.results for f in r.findings], errors
