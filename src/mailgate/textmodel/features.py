"""The features a sentence is scored on: words, word pairs, character n-grams, ? and !.

Character n-grams inside words carry stems across inflections ("winić", "winisz",
"виноваты", "виноват") and spelling slips; word pairs carry short idioms ("your own",
"ya le"). Digits collapse to 0 so a date or an amount is one feature, not thousands. A
feature's value is its count (scaled by sentence length), so a sentence's score is a sum over its words — which lets the
scorer remember each word's share (see linear.py).
"""

from __future__ import annotations

import math
from collections import Counter

import regex

from mailgate.text.tokens import WORD

CHAR_NGRAM_SIZES = (3, 4, 5)
PUNCTUATION = ("?", "!")
_DIGIT = regex.compile(r"\p{N}")
_FOLD = str.maketrans({"ё": "е", "’": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Casefolded, ё as е, typographic apostrophes straight, every digit 0."""
    return _DIGIT.sub("0", text.casefold().translate(_FOLD))


def sentence_tokens(sentence: str) -> list[str]:
    return WORD.findall(normalise(sentence))


def word_features(token: str) -> list[str]:
    """The word itself and the character n-grams of ``<token>``."""
    padded = f"<{token}>"
    found = ["w " + token]
    for size in CHAR_NGRAM_SIZES:
        found.extend("c " + padded[start:start + size] for start in range(len(padded) - size + 1))
    return found


def context_features(sentence: str, tokens: list[str]) -> list[str]:
    """What no single word holds: adjacent word pairs, question and exclamation marks."""
    found = [f"b {first} {second}" for first, second in zip(tokens, tokens[1:])]
    found.extend("p " + mark for mark in PUNCTUATION if mark in sentence)
    return found


def length_scale(tokens: list[str]) -> float:
    """Every feature of a sentence is weighed by 1/√words, so long sentences do not win by length."""
    return 1.0 / math.sqrt(max(1, len(tokens)))


def sentence_features(sentence: str) -> dict[str, float]:
    """Feature values of one sentence (count × length scale), as the trainer sees it."""
    tokens = sentence_tokens(sentence)
    found: Counter[str] = Counter(context_features(sentence, tokens))
    for token in tokens:
        found.update(word_features(token))
    scale = length_scale(tokens)
    return {feature: count * scale for feature, count in found.items()}
