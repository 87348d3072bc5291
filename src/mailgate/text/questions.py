"""Which of the customer's questions a reply leaves untouched, judged by shared key words.

Deliberately conservative (the rule is informational): a question counts as addressed
when the reply mentions any of its longer words, compared by their first letters so that
inflected forms match ("zamówienie"/"zamówienia", "заказ"/"заказа", "Rechnung"/"Rechnungen").
Only a question none of whose key words appear in the reply is reported.
"""

from __future__ import annotations

from typing import Callable

from mailgate.text.tokens import sentences, words

QUESTION_OPENERS = ("¿",)


def questions(text: str) -> list[str]:
    """Sentences that ask: they end with '?' (any closing quote after it) or open with '¿'."""
    found = []
    for sentence in sentences(text):
        stripped = sentence.strip().rstrip("\"'”»)]").rstrip()
        if stripped.endswith(("?", "？")) or stripped.startswith(QUESTION_OPENERS):
            found.append(sentence.strip())
    return found


def key_stems(text: str, min_stem: int) -> set[str]:
    """Stems of the words that carry meaning: long words cut to ``min_stem`` letters, and numbers."""
    stems = set()
    for word in words(text):
        if word.isdigit():
            if len(word) >= 3:
                stems.add(word)
        elif len(word) >= min_stem:
            stems.add(word.casefold()[:min_stem])
    return stems


def unanswered_questions(customer_text: str, reply_text: str, min_stem: int = 5, *,
                         asks_when: Callable[[str], bool] | None = None,
                         reply_names_time: bool = False) -> tuple[list[str], list[str]]:
    """(every question asked, the questions with no key word in the reply).

    A question that asks *when* ("Kiedy dotrze?") is answered by a time or deadline in the
    reply ("jutro", "by Friday") even with no word in common.
    """
    asked = questions(customer_text)
    if not asked:
        return [], []
    replied = key_stems(reply_text, min_stem)
    missed = []
    for question in asked:
        if reply_names_time and asks_when is not None and asks_when(question):
            continue
        stems = key_stems(question, min_stem)
        if stems and not stems & replied:
            missed.append(question)
    return asked, missed
