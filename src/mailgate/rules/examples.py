"""Run a rule's own ``examples``: every bad one must trigger it, every good one must not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mailgate.config import Settings
from mailgate.load import load_bytes
from mailgate.load.detect import looks_like_mail
from mailgate.rules.loader import example_documents
from mailgate.rules.model import Rule

if TYPE_CHECKING:
    from mailgate.engine import Engine

_FRONT_MATTER_END = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    which: str
    index: int
    ok: bool
    detail: str


def example_name(rule: Rule, which: str, index: int, example: dict[str, Any]) -> str:
    fmt = example.get("format") or _guess_format(example["text"])
    suffix = {"eml": "eml", "html": "html", "text": "txt", "markdown": "md"}[fmt]
    return f"<{rule.id}:{which}:{index}>.{suffix}"


def _guess_format(text: str) -> str:
    if looks_like_mail(text.encode("utf-8")[:8192]):
        return "eml"
    body = _FRONT_MATTER_END.sub("", text, count=1).lstrip()
    return "html" if body.startswith("<") else "markdown"


def run_examples(engine: "Engine", rule: Rule) -> list[ExampleOutcome]:
    outcomes = []
    for which in ("bad", "good"):
        for index, example in enumerate(example_documents(rule, which), 1):
            if "text" not in example:
                continue  # recipient examples run in the gate's own harness
            name = example_name(rule, which, index, example)
            settings = Settings({**example.get("settings", {}), "select": [rule.id]})
            manifest = _manifest(example)
            results = [engine.check_message(m, settings, manifest)
                       for m in load_bytes(example["text"].encode("utf-8"), name)]
            hits = [f for r in results for f in r.findings if f.rule == rule.id]
            errors = [e for r in results for e in r.errors]
            if errors:
                outcomes.append(ExampleOutcome(rule.id, which, index, False, "; ".join(errors)))
                continue
            expected = which == "bad"
            ok = bool(hits) == expected
            kind = results[0].kind if results else "?"
            detail = "" if ok else (f"expected a finding, got none (kind {kind}, lang {results[0].lang})" if expected
                                    else f"expected no finding, got: {hits[0].message}")
            outcomes.append(ExampleOutcome(rule.id, which, index, ok, detail))
    return outcomes


def _manifest(example: dict[str, Any]) -> Any:
    """Campaign rules' examples carry the manifest (and the gate's facts) they are judged with."""
    if "manifest" not in example:
        return None
    from mailgate.load.campaign import CampaignManifest

    manifest = CampaignManifest(example["manifest"])
    manifest.facts = example.get("facts")
    return manifest
