"""Precision and recall per language and rule on the labelled corpora.

Two corpora: tests/corpus/ (written with the lexicons) and tests/corpus_holdout/ (written
blind, never tuned against). Targets from issue 5: no language below 0.9 precision and 0.8
recall on either. Rules that other branches deliver are labelled already and skipped, with
the reason, until they are registered.
"""

from __future__ import annotations

from typing import Any

import pytest

from corpus_eval import CORPORA, LANGUAGES, MEASURED_RULES, MIN_PRECISION, MIN_RECALL, corpus_files, score_corpus

@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus_name(request: Any) -> str:
    return request.param


@pytest.fixture(scope="module")
def corpus_scores(engine: Any, corpus_name: str) -> Any:
    present = [rule for rule in MEASURED_RULES if rule in engine.registry.rules]
    return score_corpus(engine, present, CORPORA[corpus_name])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corpus_is_large_and_balanced(lang: str, corpus_name: str) -> None:
    """At least 30 messages per language, and every rule has messages that must and must not fire."""
    items = corpus_files(lang, CORPORA[corpus_name])
    assert len(items) >= 30
    for rule in MEASURED_RULES:
        assert any(rule in item.triggers for item in items), f"{lang}: no message must trigger {rule}"
        assert any(rule in item.passes for item in items), f"{lang}: no message must pass {rule}"


@pytest.mark.parametrize("rule", MEASURED_RULES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_precision_and_recall(lang: str, rule: str, corpus_scores: Any, engine: Any) -> None:
    if rule not in engine.registry.rules:
        pytest.skip(f"rule {rule!r} is not in the registry on this branch yet (its corpus labels are ready)")
    scores, _ = corpus_scores
    score = scores[(lang, rule)]
    detail = f"{lang} {rule}: P={score.precision:.2f} R={score.recall:.2f}; wrong: {', '.join(score.misses)}"
    assert score.precision >= MIN_PRECISION, detail
    assert score.recall >= MIN_RECALL, detail


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_is_detected(lang: str, corpus_scores: Any) -> None:
    """No corpus file names its language; detection must find it for at least 95 % of them."""
    _, detected = corpus_scores
    right, total = detected[lang]
    assert right / total >= 0.95, f"{lang}: {right}/{total} detected"
