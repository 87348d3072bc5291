"""A trained linear model: load its weights, score sentences (probability of the label)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from mailgate.errors import RuleError
from mailgate.textmodel.features import context_features, length_scale, sentence_tokens, word_features

FORMAT = "mailgate-linear-2"  # -2: sentence length weighed as words ** -0.2 (features.py); -1 weighed ** -0.5
_RETRAIN = {"mailgate-linear-1": "it was trained for an older way of scoring (sentence length weighed as words ** -0.5); "
                                 "retrain it from its examples with python3 -m mailgate.textmodel.train"}
MAX_REMEMBERED_WORDS = 100_000
_NUMBERS = (int, float)  # not bool, which isinstance would let through as int
_MAX_WEIGHT = 1e6  # a trained weight is a few units; NaN, infinity or a 400-digit integer is a broken file


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression over sentence features; ``examples_sha256`` ties it to its training data."""

    label: str
    language: str
    bias: float
    weights: dict[str, float]
    examples_sha256: str = ""
    # Each word's share of the score (its word and stem weights), remembered: mail repeats words.
    _word_shares: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def score(self, sentence: str) -> float:
        """The probability that ``sentence`` carries the label, between 0 and 1."""
        weights = self.weights
        tokens = sentence_tokens(sentence)
        total = sum(weights.get(f, 0.0) for f in context_features(sentence, tokens))
        shares = self._word_shares
        if len(shares) > MAX_REMEMBERED_WORDS:
            shares.clear()
        for token in tokens:
            share = shares.get(token)
            if share is None:
                share = shares[token] = sum(weights.get(f, 0.0) for f in word_features(token))
            total += share
        return probability(self.bias + total * length_scale(tokens))

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "label": self.label, "language": self.language, "bias": self.bias,
                "examples_sha256": self.examples_sha256, "weights": self.weights}


def probability(total: float) -> float:
    """The logistic function, clamped so no sum overflows ``exp``."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def load_model(path: Path, use_cache: bool = True) -> LinearModel:
    """Read a model file; anything but a model of this format is the file's error, named.
    ``use_cache``: a model read before comes from the cache (textmodel/cache.py)."""
    from mailgate.textmodel import cache

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read model: {exc}", path=str(path)) from None
    name = cache.entry_name(path, raw, f"{FORMAT}|{_MAX_WEIGHT}")
    fields = cache.read(name, use_cache)
    if fields is None:
        fields = _parse(raw, path)
        cache.write(name, fields, use_cache)
    return LinearModel(*fields)


def _parse(raw: bytes, path: Path) -> tuple[str, str, float, dict[str, float], str]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RuleError(f"cannot read model: {exc}", path=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise RuleError(_RETRAIN.get(str(found), f"not a {FORMAT} model file"), path=str(path))
    weights = data.get("weights")
    bias = data.get("bias")
    # JSON keys are strings and its numbers int or float already: checked, not copied (70,000 weights
    # a language, read at every start).
    if not isinstance(weights, dict) or not all(type(value) in _NUMBERS and -_MAX_WEIGHT < value < _MAX_WEIGHT
                                                for value in chain((bias,), weights.values())):
        raise RuleError("model needs a numeric 'bias' and a mapping of numeric 'weights', each finite and "
                        f"smaller than {_MAX_WEIGHT:g}", path=str(path))
    return (str(data.get("label", "")), str(data.get("language", "")), float(bias), weights,
            str(data.get("examples_sha256", "")))
