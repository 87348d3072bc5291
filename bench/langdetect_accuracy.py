"""How well the language of short texts is found: subject lines and three-line replies of tests/corpus/.

Compares lingua's low-accuracy mode, its high-accuracy mode and mailgate's detector (letters and
function words first, then lingua's low-accuracy mode; a short text below 0.8 confidence stays
unknown, counted as not right). Usage: PYTHONPATH=src python3 bench/langdetect_accuracy.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from corpus_eval import LANGUAGES, corpus_files  # noqa: E402

from mailgate.config import Settings  # noqa: E402
from mailgate.engine import Engine  # noqa: E402
from mailgate.langdetect import _lingua_language, detect, lexicon_hints  # noqa: E402
from mailgate.load import load_path  # noqa: E402
from mailgate.plugins import build_host  # noqa: E402
from mailgate.registry import Registry  # noqa: E402


def samples(engine: Engine) -> list[tuple[str, str, str]]:
    """(kind, language, text): each corpus message's subject and the first three lines it wrote."""
    settings = Settings({})
    lexicons = engine.rule_set(settings).lexicons
    found = []
    for lang in LANGUAGES:
        for item in corpus_files(lang):
            doc = engine.document(load_path(item.path)[0], settings, lexicons)
            lines = [line for line in doc.body_text.split("\n") if line.strip()][:3]
            found += [("subject", lang, doc.field("subject")), ("three lines", lang, "\n".join(lines))]
    return found


def main() -> int:
    engine = Engine(Registry(build_host(autoload=False), use_cache=False))
    data = samples(engine)
    hints = lexicon_hints(engine.rule_set(Settings({})).lexicons)

    def lingua(high_accuracy: bool) -> Callable[[str], str | None]:
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_languages(*(_lingua_language(code) for code in LANGUAGES))
        detector = (builder if high_accuracy else builder.with_low_accuracy_mode()).build()
        return lambda text: _lingua_code(detector.detect_language_of(text))

    methods = {"lingua low accuracy": lingua(False), "lingua high accuracy": lingua(True),
               "mailgate (hints, then lingua low; short: confidence >= 0.8)": lambda text: detect(text, LANGUAGES, hints)}
    columns = [(kind, lang) for kind in ("subject", "three lines") for lang in LANGUAGES]
    print("| method | " + " | ".join(f"{kind} {lang}" for kind, lang in columns) + " | right | wrong | unknown | ms per text |")
    print("|---" * (len(columns) + 5) + "|")
    for name, method in methods.items():
        started = time.perf_counter()
        cells, outcomes = [], {"right": 0, "wrong": 0, "unknown": 0}
        for kind, lang in columns:
            answers = [method(text) for k, language, text in data if k == kind and language == lang]
            right = answers.count(lang)
            outcomes["right"] += right
            outcomes["unknown"] += answers.count(None)
            outcomes["wrong"] += len(answers) - right - answers.count(None)
            cells.append(f"{right}/{len(answers)}")
        elapsed = (time.perf_counter() - started) / len(data) * 1000
        print(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(str(n) for n in outcomes.values())
              + f" | {elapsed:.2f} |")
    return 0


def _lingua_code(language: object) -> str | None:
    return language.iso_code_639_1.name.lower() if language is not None else None  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
