"""Fixture emails per rule: tests/fixtures/<rule-id>/bad/* must trigger it, good/* must not.

Every text rule is shown in at least two languages; every rule has at least one failing
and one passing fixture file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailgate.config import Settings, load_config
from mailgate.plugins import build_host
from mailgate.registry import Registry

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REGISTRY = Registry(build_host(autoload=False), use_cache=False)
MESSAGE_RULES = sorted(r.id for r in REGISTRY.rules.values() if "recipient" not in r.applies_to)


def _cases() -> list[Any]:
    cases = []
    for rule_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for which in ("bad", "good"):
            for path in sorted((rule_dir / which).glob("*")):
                if path.is_file():
                    cases.append(pytest.param(rule_dir.name, which, path, id=f"{rule_dir.name}/{which}/{path.name}"))
    return cases


def _settings(rule_id: str) -> Settings:
    """Only this rule; a rule that reads configuration (e.g. ``register``) keeps it in <rule-id>/mailgate.yaml."""
    config = FIXTURES / rule_id / "mailgate.yaml"
    base = load_config(config) if config.is_file() else Settings()
    return base.merged({"select": [rule_id]})


@pytest.mark.parametrize(("rule_id", "which", "path"), _cases())
def test_fixture(rule_id: str, which: str, path: Path, engine: Any, tmp_path: Path) -> None:
    assert rule_id in engine.registry.rules, f"fixture folder for unknown rule {rule_id}"
    if path.suffix == ".yaml":  # a campaign manifest: campaign rules are judged by the gate
        from gate_fixture import gate_findings

        recipient_rules = [r.id for r in REGISTRY.rules.values() if r.check == "recipient"]
        findings, errors = gate_findings(path, rule_id, recipient_rules, tmp_path)
        assert not errors, errors
        hits = [f for f in findings if f.rule == rule_id]
        assert bool(hits) == (which == "bad"), f"{path.name}: {hits[0].message if hits else 'no finding'}"
        return
    results = engine.check_file(path, _settings(rule_id))
    assert all(not r.errors for r in results), results[0].errors
    hits = [f for r in results for f in r.findings if f.rule == rule_id]
    if which == "bad":
        assert hits, f"{path.name} should trigger {rule_id} (kind {results[0].kind}, lang {results[0].lang})"
    else:
        assert not hits, f"{path.name} should pass {rule_id}, got: {hits[0].message}"


@pytest.mark.parametrize("rule_id", MESSAGE_RULES)
def test_every_message_rule_has_fixtures(rule_id: str) -> None:
    folder = FIXTURES / rule_id
    bad = list((folder / "bad").glob("*")) if (folder / "bad").is_dir() else []
    good = list((folder / "good").glob("*")) if (folder / "good").is_dir() else []
    assert bad and good, f"tests/fixtures/{rule_id}/ needs at least one bad/ and one good/ fixture"
