"""How the tone model does on messages it never trained on: per held-out corpus, train without that
corpus's example categories, then score the corpus's messages as hostile-tone does (listed phrases,
or a sentence of at least model_min_words scored at or above the threshold).

Usage: PYTHONPATH=src python3 bench/tone_heldout.py \
           --hold corpus_blind5,corpus_blind6=hostile.from_blind5_6,neutral.blind5_6_sentences \
           --hold corpus_blind7=hostile.from_blind7,neutral.blind7_sentences

Prints message-level precision and recall per language for a range of thresholds: the numbers to
choose ``model_threshold`` by (the examples' own cross-validation is per sentence, and a message of
fifteen calm sentences gives fifteen chances of a false alarm).
"""

from __future__ import annotations

import argparse
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from corpus_eval import LANGUAGES, corpus_files  # noqa: E402

from mailgate.config import Settings  # noqa: E402
from mailgate.engine import Engine  # noqa: E402
from mailgate.load import load_path  # noqa: E402
from mailgate.plugins import build_host  # noqa: E402
from mailgate.registry import Registry  # noqa: E402
from mailgate.text.tokens import words  # noqa: E402
from mailgate.textmodel.linear import LinearModel  # noqa: E402
from mailgate.textmodel.train import Example, fit, read_examples  # noqa: E402

THRESHOLDS = (0.55, 0.6, 0.625, 0.65, 0.675, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
Row = tuple[str, bool, float, bool]  # language, labelled hostile, best sentence score, listed phrase found


def training_examples(lang: str, categories: frozenset[str]) -> list[Example]:
    """``lang``'s tone examples minus ``categories``; a misspelt category would stay in training and
    flatter the figures, so one the file does not have is refused."""
    _, examples = read_examples(ROOT / "rules" / "models" / "hostile" / f"{lang}.examples.yaml", "hostile")
    unknown = categories - {example.category for example in examples}
    if unknown:
        raise SystemExit(f"{lang}: no example category {', '.join(sorted(unknown))}")
    return [e for e in examples if e.category not in categories]


def held_out_model(lang: str, examples: list[Example]) -> LinearModel:
    """``lang``'s tone model trained on ``examples`` (training_examples: the file minus the held-out ones)."""
    bias, weights = fit(examples)
    return LinearModel("hostile", lang, bias, weights, "")


def labelled_messages(lang: str, corpora: list[str]) -> Iterator[tuple[bool, bool, list[str]]]:
    """Each labelled message of ``corpora``: hostile by its label, a listed phrase found, and the
    sentences the model would score (at least model_min_words words, no reassurance of the exceptions)."""
    registry = Registry(build_host(autoload=False), use_cache=False)
    engine = Engine(registry)
    settings = Settings({"select": ["hostile-tone"]})
    lexicons = engine.rule_set(settings).lexicons
    min_words = registry.rules["hostile-tone"].options.get("model_min_words", 5)
    exceptions, listed = lexicons.matcher("hostile_exceptions", lang), lexicons.matcher("hostile", lang)
    for corpus in corpora:
        for item in corpus_files(lang, ROOT / "tests" / corpus):
            if "hostile-tone" not in item.triggers | item.passes:
                continue
            found, sentences = False, []
            for message in load_path(item.path):
                doc = engine.document(message, settings, lexicons)
                found = found or next(listed.finditer_outside(doc.body_text, exceptions), None) is not None
                sentences.extend(s for s in doc.sentences
                                 if len(words(s)) >= min_words and next(exceptions.finditer(s), None) is None)
            yield "hostile-tone" in item.triggers, found, sentences


def held_out_rows(job: tuple[str, list[str], frozenset[str]]) -> list[Row]:
    """Train ``lang``'s model without ``categories``, then score every labelled message of ``corpora``."""
    lang, corpora, categories = job
    model = held_out_model(lang, training_examples(lang, categories))
    return [(lang, hostile, max([0.0, *map(model.score, sentences)]), found)
            for hostile, found, sentences in labelled_messages(lang, corpora)]


def parse_hold(text: str) -> tuple[list[str], frozenset[str]]:
    corpora, _, categories = text.partition("=")
    if not categories:
        raise SystemExit(f"--hold {text!r}: expected CORPUS[,CORPUS]=CATEGORY[,CATEGORY]")
    return corpora.split(","), frozenset(categories.split(","))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", action="append", required=True, type=parse_hold,
                        help="CORPUS[,CORPUS]=CATEGORY[,CATEGORY]: corpora under tests/ and the example "
                             "categories (hostile.x, neutral.y) taken from them")
    parser.add_argument("--lang", action="append", choices=LANGUAGES,
                        help="only these languages (repeatable; default all five)")
    args = parser.parse_args()
    languages = args.lang or LANGUAGES
    jobs = [(lang, corpora, categories) for lang in languages for corpora, categories in args.hold]
    for lang, _, categories in jobs:  # refused here, before any worker starts
        training_examples(lang, categories)
    with Pool(2) as pool:
        rows = [row for part in pool.map(held_out_rows, jobs) for row in part]
    hostile = sum(1 for row in rows if row[1])
    print(f"{len(rows)} messages held out ({hostile} labelled hostile)")
    for threshold in THRESHOLDS:
        cells, alarms, hits = [f"{threshold:<5g}"], 0, 0
        for lang in languages:
            mine = [row for row in rows if row[0] == lang]
            fired = [row for row in mine if row[2] >= threshold or row[3]]
            true = sum(1 for row in fired if row[1])
            precision = true / len(fired) if fired else 1.0  # nothing fired: no false alarm (as corpus_eval.Score)
            cells.append(f"{lang} P {precision:.2f} R {true / max(1, sum(r[1] for r in mine)):.2f}")
            alarms, hits = alarms + len(fired) - true, hits + true
        cells.append(f"all: {alarms} false alarms, R {hits / max(1, hostile):.2f}")
        print(" | ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
