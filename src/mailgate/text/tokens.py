"""Words and sentences, Unicode-aware (diacritics, Cyrillic), for every supported language."""

from __future__ import annotations

import unicodedata

import regex

# A word: letters (with combining marks) and digits, inner apostrophes and hyphens ("don't",
# "e-mail"), and separators inside numbers ("3.5", "1.03.2026", "10:15", "1,5"). Possessive runs
# (``++``, ``*+``): the alternatives never overlap, and without them the regex module keeps a
# backtracking frame per character, so one 20 MB "word" exhausts memory.
WORD = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]++|['’\-](?=[\p{L}\p{N}])|(?<=\p{N})[.,:](?=\p{N}))*+")
LETTER = regex.compile(r"\p{L}")
MAX_ORDINAL_DIGITS = 2

# A sentence ends at . ! ? … (or a run of them) before a capital or a digit, at a blank line, and at
# a line break before a list bullet that starts an item ("\n- Orders ship…", not "\n- within 24
# hours"). An en or em dash is a bullet only after a line that ends a clause or is itself such an
# item ("vorab:\n– Führungen…"); otherwise it opens an aside ("Unser Team meldet sich\n— Montag bis
# Freitag — innerhalb von 24 Stunden"). The look back runs only at a line break, so a huge line
# costs one pass, not one per character.
_SENTENCE_END = regex.compile(r"(?<=[.!?…])[\"'”»)\]]*\s+(?=[\"'“„«(\[¿¡]*[\p{Lu}\p{N}])|\n\s*\n"
                              r"|\n(?=[ \t]*[-•·▪◦‣*][ \t]+[\p{Lu}\p{N}])"
                              r"|\n(?<=(?:[:.!?…;,][ \t]*|(?:^|\n)[ \t]*[–—][ \t][^\n]*)\n)(?=[ \t]*[–—][ \t]+[\p{Lu}\p{N}])")


def words(text: str) -> list[str]:
    """The words of ``text`` in order, keeping letters with diacritics and inner hyphens."""
    return WORD.findall(text)


_SHARED_MIN_CHARS = 2000
_last_split: dict[str, tuple[tuple[str, int, int], ...]] = {}


def word_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Lower-cased words with their start and end offsets, for phrase matching; a typographic
    apostrophe is the straight one ("isn’t" is "isn't": mail clients curl them as you type).

    A dozen lexicon rules read the same visible text of a message: the last long text is
    split once and shared (only the last, so memory stays bounded on huge inputs).
    """
    if len(text) < _SHARED_MIN_CHARS:
        return _split(text)
    spans = _last_split.get(text)
    if spans is None:
        _last_split.clear()
        spans = _last_split[text] = _split(text)
    return spans


def _split(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((_fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text))


def _fold(word: str) -> str:
    """Casefolded, typographic apostrophe straight, and composed."""
    return composed(word.casefold().replace("’", "'"))


def composed(text: str) -> str:
    """``text`` in NFC: a word typed or pasted decomposed ("Nga\u0304 mihi", macOS text) is the same
    word as its composed form ("Ngā mihi"). ASCII text is returned as it is, without a look."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def sentences(text: str, abbreviations: frozenset[str] = frozenset(),
              final_abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """Split text into sentences.

    A full stop does not end a sentence after a known abbreviation ("z.B.", "np.", "т.е.",
    "Sr."), an ordinal number ("am 3. März") or an initial; abbreviations that may also end
    one ("etc.", "r." after a year, "г.") and a one-letter unit after a number ("3 m.") end it
    before a capitalised word. A list item starts a sentence of its own. Both lists come
    casefolded and without their final full stop.
    """
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start:match.start()]
        stem = candidate.rstrip(".").split()
        last = stem[-1].casefold() if stem else ""  # "…" or " ..." alone has no last word
        unit = len(last) == 1 and len(stem) > 1 and stem[-2].isdigit() and text[match.end():match.end() + 1].isupper()
        if "\n" not in match.group() and not unit and _continues(last, abbreviations, final_abbreviations):
            continue
        if candidate.strip():
            pieces.append(" ".join(candidate.split()))
        start = match.end()
    tail = text[start:]
    if tail.strip():
        pieces.append(" ".join(tail.split()))
    return [p for p in pieces if LETTER.search(p)]


def _continues(word: str, abbreviations: frozenset[str], final_abbreviations: frozenset[str]) -> bool:
    """Whether the full stop after ``word`` leaves the sentence open."""
    word = word.strip("(\"'«„")
    if word in final_abbreviations:
        return False
    ordinal = word.isdigit() and len(word) <= MAX_ORDINAL_DIGITS  # "am 3. März"; not "Rechnung Nr. 2231."
    return word in abbreviations or ordinal or (len(word) == 1 and word.isalpha())
