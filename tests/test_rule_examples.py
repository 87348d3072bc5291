"""Every rule ships examples: each bad one must trigger it, each good one must not."""

from __future__ import annotations

from typing import Any

import pytest

from mailgate.plugins import build_host
from mailgate.registry import Registry

RULES = sorted(Registry(build_host(autoload=False), use_cache=False).rules)


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_examples(rule_id: str, engine: Any) -> None:
    from mailgate.rules.examples import run_examples

    outcomes = run_examples(engine, engine.registry.rules[rule_id])
    failures = [f"{o.which} example {o.index}: {o.detail}" for o in outcomes if not o.ok]
    assert not failures, "\n".join(failures)


def test_rule_count_is_not_zero() -> None:
    assert len(RULES) >= 3
