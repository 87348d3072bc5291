"""Print precision and recall per language and rule on a labelled corpus (for the issue note).

Usage: PYTHONPATH=src python3 bench/corpus_scores.py [--corpus tests/corpus_holdout] [--misses]
(default corpus: tests/corpus/)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from corpus_eval import CORPUS, LANGUAGES, MEASURED_RULES, score_corpus, table  # noqa: E402

from mailgate.engine import Engine  # noqa: E402
from mailgate.plugins import build_host  # noqa: E402
from mailgate.registry import Registry  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with one sub-folder per language")
    parser.add_argument("--misses", action="store_true", help="name the files each rule got wrong")
    args = parser.parse_args()
    registry = Registry(build_host(autoload=False), use_cache=False)
    present = [rule for rule in MEASURED_RULES if rule in registry.rules]
    missing = [rule for rule in MEASURED_RULES if rule not in registry.rules]
    scores, detected = score_corpus(Engine(registry), present, args.corpus.resolve())
    print(table(scores, present))
    if missing:
        print(f"\nNot in the registry yet (labelled, not measured): {', '.join(missing)}")
    print("\nLanguage detected right: " + ", ".join(f"{lang} {detected[lang][0]}/{detected[lang][1]}"
                                                    for lang in LANGUAGES))
    if args.misses:
        for (lang, rule), score in sorted(scores.items()):
            if score.misses:
                print(f"{lang} {rule}: {', '.join(score.misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
