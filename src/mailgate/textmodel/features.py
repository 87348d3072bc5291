"""The features a sentence is scored on: words, word pairs and character n-grams.

Character n-grams inside words carry stems across inflections ("winić", "winisz",
"виноваты", "виноват") and across spelling slips; word pairs carry short idioms ("your own",
"ya le"). Digits collapse to 0 so a date or an amount is one feature, not thousands.
"""

from __future__ import annotations

from collections import Counter

import regex

from mailgate.text.tokens import WORD

CHAR_NGRAM_SIZES = (3, 4, 5)
_DIGIT = regex.compile(r"\p{N}")
_FOLD = str.maketrans({"ё": "е", "’": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Casefolded, ё as е, typographic apostrophes straight, every digit 0."""
    return _DIGIT.sub("0", text.casefold().translate(_FOLD))


def sentence_features(sentence: str) -> Counter[str]:
    """Feature counts of one sentence, as the trainer and the scorer both see it."""
    tokens = WORD.findall(normalise(sentence))
    found: Counter[str] = Counter()
    for token in tokens:
        found["w " + token] += 1
        padded = f"<{token}>"
        for size in CHAR_NGRAM_SIZES:
            for start in range(len(padded) - size + 1):
                found["c " + padded[start:start + size]] += 1
    for first, second in zip(tokens, tokens[1:]):
        found[f"b {first} {second}"] += 1
    if "?" in sentence:
        found["p ?"] += 1
    if "!" in sentence:
        found["p !"] += 1
    return found
