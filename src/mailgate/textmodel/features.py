"""The features a sentence is scored on: words, their stems, word pairs, ? and !.

A word's first five and six letters stand for its stem across inflections ("winisz", "winić";
"виноваты", "виноват"); word pairs carry short idioms ("your own", "ya le"). Fewer, longer
features generalise better to mail the model never saw: on corpus_blind7–10 held out
(bench/tone_heldout.py, 500 messages), dropping four-letter stems and two- and three-letter
endings took recall at five false alarms in 300 calm messages from about 0.57 to 0.69. Character
n-grams from anywhere inside words were tried before: their many small weights added up to false
alarms on unseen product copy. Digits collapse to 0 so a date or an amount is one feature, not
thousands. A feature's value is its count (scaled by sentence length), so a sentence's score is a
sum over its words — which lets the scorer remember each word's share (see linear.py).

The length scale is gentle (words ** -0.2, not the usual -0.5): the hostility the model misses
sits in one clause of a long, helpful sentence, and a steep scale drowns that clause in topic
words. On corpus_blind7–14 held out (1000 messages, 400 hostile), recall at about 17 false
alarms in 600 calm messages went from 0.67 (-0.5) to 0.75 (-0.2); -0.1 and 0 gave no more.
"""

from __future__ import annotations

from collections import Counter

import regex

from mailgate.text.tokens import WORD, composed

STEM_LENGTHS = (5, 6)
LENGTH_EXPONENT = 0.2
PUNCTUATION = ("?", "!")
_DIGIT = regex.compile(r"\p{N}")
_FOLD = str.maketrans({"ё": "е", "’": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Composed (NFC), casefolded, ё as е, typographic apostrophes straight, every digit 0."""
    return _DIGIT.sub("0", composed(text).casefold().translate(_FOLD))


def sentence_tokens(sentence: str) -> list[str]:
    return WORD.findall(normalise(sentence))


def word_features(token: str) -> list[str]:
    """The word itself and its stems (when the word is longer than the stem)."""
    found = ["w " + token]
    found.extend("s " + token[:size] for size in STEM_LENGTHS if len(token) > size)
    return found


def context_features(sentence: str, tokens: list[str]) -> list[str]:
    """What no single word holds: adjacent word pairs, question and exclamation marks."""
    found = [f"b {first} {second}" for first, second in zip(tokens, tokens[1:])]
    found.extend("p " + mark for mark in PUNCTUATION if mark in sentence)
    return found


def length_scale(tokens: list[str]) -> float:
    """Every feature of a sentence is weighed by words ** -LENGTH_EXPONENT, so long sentences win less by length."""
    return max(1, len(tokens)) ** -LENGTH_EXPONENT


def sentence_features(sentence: str) -> dict[str, float]:
    """Feature values of one sentence (count × length scale), as the trainer sees it."""
    tokens = sentence_tokens(sentence)
    found: Counter[str] = Counter(context_features(sentence, tokens))
    for token in tokens:
        found.update(word_features(token))
    scale = length_scale(tokens)
    return {feature: count * scale for feature, count in found.items()}
