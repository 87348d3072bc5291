"""Measured kinds: ``length`` (chars, words, lines) and ``metric`` (a named measure)."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from mailgate.checks.base import NUMBER_OR_PER_LANGUAGE, Check, CheckKind, CompileContext, Hit, per_language
from mailgate.document import Document
from mailgate.errors import RuleError
from mailgate.hookspecs import hookimpl
from mailgate.rules.model import Rule
from mailgate.text.tokens import words

def _measure_length(text: str, unit: str) -> int:
    if unit == "words":
        return len(words(text))
    if unit == "lines":
        return len([line for line in text.split("\n") if line.strip()])
    return len(text.strip())


def compile_length(rule: Rule, ctx: CompileContext) -> Check:
    read = ctx.target(rule.target or "text")
    unit = rule.options.get("unit", "chars")

    def check(doc: Document) -> Iterator[Hit]:
        low, high = per_language(rule.options.get("min"), doc.lang), per_language(rule.options.get("max"), doc.lang)
        for target in read(doc):
            if not target.text.strip() and rule.options.get("skip_empty", True):
                continue
            actual = _measure_length(target.text, unit)
            if (high is not None and actual > high) or (low is not None and actual < low):
                yield Hit(target.line, target.column, {"actual": actual, "max": high, "min": low, "unit": unit})

    return check


def compile_metric(rule: Rule, ctx: CompileContext) -> Check:
    name = rule.options["metric"]
    if name not in ctx.metrics:
        raise RuleError(f"unknown metric {name!r} (known: {', '.join(sorted(ctx.metrics))})", path=rule.path,
                        rule=rule.id, field="metric")
    measure: Callable[[Document, dict[str, Any]], float | None] = ctx.metrics[name]

    def check(doc: Document) -> Iterator[Hit]:
        low, high = per_language(rule.options.get("min"), doc.lang), per_language(rule.options.get("max"), doc.lang)
        if low is None and high is None:
            return
        actual = measure(doc, rule.options)
        if actual is None:
            return
        if (high is not None and actual > high) or (low is not None and actual < low):
            yield Hit(None, None, {"actual": round(actual, 1), "max": high, "min": low, "metric": name,
                                   "lang": doc.lang or "?"})

    return check


# -- built-in metrics ------------------------------------------------------------------------

def capitals_ratio(doc: Document, options: dict[str, Any]) -> float | None:
    letters = [ch for ch in doc.body_text if ch.isalpha()]
    if len(letters) < 20:
        return None
    return sum(1 for ch in letters if ch.isupper()) / len(letters)


def average_sentence_length(doc: Document, options: dict[str, Any]) -> float | None:
    if not doc.sentences:
        return None
    return sum(len(words(s)) for s in doc.sentences) / len(doc.sentences)


def longest_sentence(doc: Document, options: dict[str, Any]) -> float | None:
    return max((len(words(s)) for s in doc.sentences), default=None)


def html_bytes(doc: Document, options: dict[str, Any]) -> float | None:
    html = doc.message.html
    return len(html.encode("utf-8")) if html is not None else None


def message_bytes(doc: Document, options: dict[str, Any]) -> float | None:
    return doc.message.size_bytes


def word_count(doc: Document, options: dict[str, Any]) -> float | None:
    return len(doc.words)


def text_image_ratio(doc: Document, options: dict[str, Any]) -> float | None:
    """Words of visible text per image; None when there are no images."""
    if not doc.images:
        return None
    return len(doc.words) / len(doc.images)


def readability_score(doc: Document, options: dict[str, Any]) -> float | None:
    from mailgate.text.readability import readability

    return readability(doc.words, len(doc.sentences), doc.lang or "")


@hookimpl
def mailgate_metrics() -> dict[str, Callable[[Document, dict[str, Any]], float | None]]:
    return {
        "capitals_ratio": capitals_ratio,
        "average_sentence_length": average_sentence_length,
        "longest_sentence": longest_sentence,
        "html_bytes": html_bytes,
        "message_bytes": message_bytes,
        "word_count": word_count,
        "text_image_ratio": text_image_ratio,
        "readability": readability_score,
    }


@hookimpl
def mailgate_check_kinds() -> list[CheckKind]:
    return [
        CheckKind("length", compile_length,
                  {"unit": {"enum": ["chars", "words", "lines"]}, "min": NUMBER_OR_PER_LANGUAGE,
                   "max": NUMBER_OR_PER_LANGUAGE, "skip_empty": {"type": "boolean"}},
                  description="Length of the target in chars, words or lines, within bounds."),
        CheckKind("metric", compile_metric,
                  {"metric": {"type": "string"}, "min": NUMBER_OR_PER_LANGUAGE, "max": NUMBER_OR_PER_LANGUAGE,
                   "formulas": {"type": "object", "additionalProperties": {"type": "string"}}},
                  required=("metric",), needs_target=False,
                  description="A named measure (readability, capitals ratio, size …) against a bound."),
    ]
