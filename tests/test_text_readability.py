"""Readability formulas against their published definitions, computed by hand on fixed counts."""

from __future__ import annotations

import pytest

from mailgate.text.readability import FORMULAS, readability, syllables


@pytest.mark.parametrize(("word", "lang", "count"), [
    ("readability", "en", 5), ("service", "en", 2), ("table", "en", 2), ("refund", "en", 2),
    ("información", "es", 4), ("pedido", "es", 3),
    ("Rechnung", "de", 2), ("Lieferung", "de", 3),  # "ie" is one vowel sound
    ("zamówienie", "pl", 4), ("dziękujemy", "pl", 4), ("przedsiębiorstwa", "pl", 4),
    ("здравствуйте", "ru", 3), ("обращение", "ru", 5),
])
def test_syllables(word: str, lang: str, count: int) -> None:
    assert syllables(word, lang) == count


def _words(syllable_counts: list[int], lang: str) -> list[str]:
    """Words with exactly the given syllable counts in ``lang`` (one vowel per syllable)."""
    base = {"en": ("ta", "t"), "es": ("ta", "t"), "de": ("ta", "t"), "pl": ("ta", "t"), "ru": ("та", "т")}[lang]
    return [base[0] * n + base[1] for n in syllable_counts]


# 20 words in 2 sentences: ASL = 10; 30 syllables: ASW = 1.5; 2 words of >= 4 syllables: 10 %.
COUNTS = [1] * 14 + [2] * 4 + [5, 3]


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", 206.835 - 1.015 * 10 - 84.6 * 1.5),  # Flesch (1948)
    ("es", 206.84 - 0.60 * 150 - 1.02 * 10),  # Fernández-Huerta (1959), F = words per sentence (Law 2011)
    ("de", 180 - 10 - 58.5 * 1.5),  # Amstad (1978)
    ("ru", 206.835 - 1.3 * 10 - 60.1 * 1.5),  # Oborneva (2006)
    ("pl", 10 / 2 + 5 / 3 + 1),  # Pisarek linear: ½·ASL + ⅓·%hard + 1; hard = 4+ syllables
])
def test_formula(lang: str, expected: float) -> None:
    words = _words(COUNTS, lang)
    assert sum(syllables(w, lang) for w in words) == 30
    assert readability(words, 2, lang) == pytest.approx(expected)


def test_shorter_sentences_read_easier_in_every_language() -> None:
    for lang in FORMULAS:
        words = _words(COUNTS, lang)
        short, long_ = readability(words, 4, lang), readability(words, 1, lang)
        assert (short > long_) if FORMULAS[lang].higher_is_easier else (short < long_), lang


def test_too_short_to_score() -> None:
    assert readability(["Hallo", "Anna"], 1, "de") is None


def test_rules_show_names_the_formula_per_language(run_cli: object) -> None:
    result = run_cli("rules", "show", "readability")  # type: ignore[operator]
    assert result.code == 0, result
    for name in ("Flesch Reading Ease", "Fernández-Huerta", "Amstad", "Oborneva", "Pisarek"):
        assert name in result.out
