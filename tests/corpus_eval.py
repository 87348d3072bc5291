"""Score the rules against a labelled language corpus (<corpus>/<lang>/).

Two corpora share this code: tests/corpus/ (written alongside the lexicons) and
tests/corpus_holdout/ (written blind, never tuned against — the honest measurement).
Shared by tests/test_corpus.py (asserts the targets) and bench/corpus_scores.py (prints the
table for the issue note).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
HOLDOUT = Path(__file__).resolve().parent / "corpus_holdout"
CORPORA = {"corpus": CORPUS, "holdout": HOLDOUT}
LANGUAGES = ("en", "es", "de", "pl", "ru")
MEASURED_RULES = ("greeting", "closing", "hostile-tone", "late-reply-apology", "acknowledgment-deadline",
                  "unsubscribe-link")
MIN_PRECISION = 0.9
MIN_RECALL = 0.8


@dataclass
class Labelled:
    path: Path
    lang: str
    triggers: frozenset[str]
    passes: frozenset[str]


@dataclass
class Score:
    """Confusion counts of one rule in one language; ``misses`` names the files it got wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def corpus_files(lang: str, corpus: Path = CORPUS) -> list[Labelled]:
    """Every labelled message of one language; labels from front matter or labels.yaml."""
    from mailgate.load.template import split_front_matter
    from mailgate.yamlio import load_yaml_file

    folder = corpus / lang
    sidecar_path = folder / "labels.yaml"
    sidecar: dict[str, Any] = load_yaml_file(sidecar_path) or {} if sidecar_path.is_file() else {}
    items = []
    for path in sorted(folder.iterdir()):
        if path.name == "labels.yaml" or not path.is_file():
            continue
        labels = sidecar.get(path.name)
        if labels is None:
            fields, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path.name)
            labels = fields.get("corpus")
        if not isinstance(labels, dict):
            raise ValueError(f"{path}: no labels (front matter 'corpus:' or labels.yaml)")
        triggers, passes = frozenset(labels.get("triggers") or ()), frozenset(labels.get("passes") or ())
        unknown = (triggers | passes) - set(MEASURED_RULES)
        if unknown or triggers & passes:
            raise ValueError(f"{path}: bad labels {sorted(unknown or triggers & passes)}")
        items.append(Labelled(path, lang, triggers, passes))
    return items


def score_corpus(engine: Any, rules: list[str],
                 corpus: Path = CORPUS) -> tuple[dict[tuple[str, str], Score], dict[str, tuple[int, int]]]:
    """Scores per (lang, rule) and, per language, (files whose language was detected right, files)."""
    from mailgate.config import Settings

    settings = Settings({"select": list(rules)})
    scores: dict[tuple[str, str], Score] = {}
    detected: dict[str, tuple[int, int]] = {}
    for lang in LANGUAGES:
        right = total = 0
        for item in corpus_files(lang, corpus):
            results = engine.check_file(item.path, settings)
            if results[0].errors:
                raise RuntimeError(f"{item.path}: {results[0].errors}")
            fired = {f.rule for r in results for f in r.findings}
            total += 1
            right += results[0].lang == lang
            for rule in rules:
                if rule not in item.triggers and rule not in item.passes:
                    continue
                score = scores.setdefault((lang, rule), Score())
                expected, got = rule in item.triggers, rule in fired
                if expected and got:
                    score.tp += 1
                elif got:
                    score.fp += 1
                    score.misses.append(f"{item.path.name} (false alarm)")
                elif expected:
                    score.fn += 1
                    score.misses.append(f"{item.path.name} (missed)")
                else:
                    score.tn += 1
        detected[lang] = (right, total)
    return scores, detected


def table(scores: dict[tuple[str, str], Score], rules: list[str]) -> str:
    """A Markdown table: one row per rule, precision/recall per language."""
    header = "| rule | " + " | ".join(f"{lang} P / R (n)" for lang in LANGUAGES) + " |"
    lines = [header, "|---" * (len(LANGUAGES) + 1) + "|"]
    for rule in rules:
        cells = []
        for lang in LANGUAGES:
            score = scores.get((lang, rule))
            cells.append("—" if score is None else
                         f"{score.precision:.2f} / {score.recall:.2f} ({score.tp + score.fp + score.fn + score.tn})")
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
