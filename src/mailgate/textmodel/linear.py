"""A trained linear model: load its weights, score sentences (probability of the label)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from mailgate.errors import RuleError
from mailgate.textmodel.features import sentence_features

FORMAT = "mailgate-linear-1"


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression over sentence features; ``examples_sha256`` ties it to its training data."""

    label: str
    language: str
    bias: float
    weights: dict[str, float]
    examples_sha256: str = ""

    def score(self, sentence: str) -> float:
        """The probability that ``sentence`` carries the label, between 0 and 1."""
        total = self.bias
        weights = self.weights
        for feature, count in sentence_features(sentence).items():
            weight = weights.get(feature)
            if weight is not None:
                total += weight * math.log1p(count)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "label": self.label, "language": self.language, "bias": self.bias,
                "examples_sha256": self.examples_sha256, "weights": self.weights}


def load_model(path: Path) -> LinearModel:
    """Read a model file; anything but a model of this format is the file's error, named."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RuleError(f"cannot read model: {exc}", path=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RuleError(f"not a {FORMAT} model file", path=str(path))
    weights = data.get("weights")
    bias = data.get("bias")
    if not isinstance(weights, dict) or not isinstance(bias, (int, float)) or not all(
            isinstance(value, (int, float)) for value in weights.values()):
        raise RuleError("model needs a numeric 'bias' and a mapping of numeric 'weights'", path=str(path))
    return LinearModel(str(data.get("label", "")), str(data.get("language", "")), float(bias),
                       {str(k): float(v) for k, v in weights.items()}, str(data.get("examples_sha256", "")))
