"""Readability with a published formula per language.

| lang | formula | scale |
|---|---|---|
| en | Flesch Reading Ease (Flesch 1948): 206.835 − 1.015·ASL − 84.6·ASW | higher is easier |
| es | Fernández-Huerta (1959), as corrected by Law (2011): 206.84 − 0.60·P − 1.02·ASL | higher is easier |
| de | Amstad (1978), Flesch for German: 180 − ASL − 58.5·ASW | higher is easier |
| ru | Oborneva (2006), Flesch for Russian: 206.835 − 1.3·ASL − 60.1·ASW | higher is easier |
| pl | Pisarek (1969), linear: ½·ASL + ⅓·PHW + 1 (hard words: ≥ 4 syllables) | higher is harder |

ASL words per sentence, ASW syllables per word, P syllables per 100 words, PHW percentage of
hard words. Fernández-Huerta is usually quoted with F = "sentences per 100 words", which makes
shorter sentences score as harder; Law (2011) showed the 1.02 term is Flesch's 1.015·ASL, i.e.
words per sentence, and that reading is used here. Pisarek's linear formula is the one cited by
Broda et al. (2014, "Measuring readability of Polish texts"). Syllables are vowel groups (Russian: vowel letters),
exact enough for Spanish, German, Polish and Russian and close for English (silent final e dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

_VOWELS = {
    "en": "aeiouy",
    "es": "aeiouáéíóúü",
    "de": "aeiouyäöü",
    "pl": "aeiouyąęó",
    "ru": "аеёиоуыэюя",
}
# In Russian every vowel letter is a syllable ("о-бра-ще-ни-е"); elsewhere a run of vowels is
# one (a diphthong, or Polish/German "ie" where the i only marks the sound).
_EVERY_VOWEL_IS_A_SYLLABLE = frozenset({"ru"})
_GROUP_CACHE: dict[tuple[str, bool], regex.Pattern] = {}


@dataclass(frozen=True)
class Formula:
    name: str
    higher_is_easier: bool


FORMULAS = {
    "en": Formula("Flesch Reading Ease", True),
    "es": Formula("Fernández-Huerta (Law 2011 correction)", True),
    "de": Formula("Amstad (Flesch for German)", True),
    "ru": Formula("Oborneva (Flesch for Russian)", True),
    "pl": Formula("Pisarek (linear)", False),
}


@lru_cache(maxsize=16384)  # a text repeats its words; counting runs a regex per word
def syllables(word: str, lang: str) -> int:
    vowels = _VOWELS.get(lang, _VOWELS["en"])
    single = lang in _EVERY_VOWEL_IS_A_SYLLABLE
    pattern = _GROUP_CACHE.get((vowels, single))
    if pattern is None:
        pattern = _GROUP_CACHE[(vowels, single)] = regex.compile(f"[{vowels}]" + ("" if single else "+"),
                                                                 regex.IGNORECASE)
    lowered = word.casefold()
    count = len(pattern.findall(lowered))
    if lang == "en" and lowered.endswith("e") and not lowered.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def readability(words: list[str], sentence_count: int, lang: str) -> float | None:
    """The language's score, or None for texts too short to score (under 10 words)."""
    words = [w for w in words if any(ch.isalpha() for ch in w)]
    if len(words) < 10 or sentence_count < 1 or lang not in FORMULAS:
        return None
    counts = [syllables(w, lang) for w in words]
    asl = len(words) / sentence_count
    asw = sum(counts) / len(words)
    if lang == "en":
        return 206.835 - 1.015 * asl - 84.6 * asw
    if lang == "es":
        return 206.84 - 0.60 * (asw * 100) - 1.02 * asl
    if lang == "de":
        return 180 - asl - 58.5 * asw
    if lang == "ru":
        return 206.835 - 1.3 * asl - 60.1 * asw
    hard = sum(1 for c in counts if c >= 4) / len(words) * 100
    return asl / 2 + hard / 3 + 1
