"""hostile-tone: blame and insults in five languages, inflected; reassuring negations pass."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import rule_ids


def draft(body: str, lang: str) -> str:
    return f"---\nsubject: 'Re: order'\nkind: reply\nlang: {lang}\n---\n{body}\n"


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello,\n\nit is your own fault the parcel came back."),
    ("de", "Guten Tag,\n\nSie sind schuld, wenn Sie die Adresse falsch eingeben. Das ist lächerlich."),
    ("es", "Hola:\n\nla culpa es suya por no leer las condiciones."),
    ("pl", "Dzień dobry,\n\nzwrot się opóźnił z Pani winy, bo nie doczytała Pani regulaminu."),
    ("pl", "Dzień dobry,\n\nto głupota wysyłać paczkę bez numeru."),
    ("ru", "Добрый день.\n\nВы сами виноваты: вы невнимательно прочитали условия."),
    ("ru", "Добрый день.\n\nЭто глупость, а не жалоба."),
])
def test_blame_and_insults_are_found(lang: str, body: str, check_text: Any) -> None:
    assert "hostile-tone" in rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello Anna,\n\nit's not your fault at all; the link was broken."),
    ("de", "Hallo Anna,\n\ndas ist nicht Ihre Schuld, der Link war defekt."),
    ("es", "Hola, Ana:\n\nno es culpa suya, el enlace estaba roto."),
    ("pl", "Dzień dobry,\n\nto nie Pani wina, link był uszkodzony."),
    ("ru", "Здравствуйте!\n\nЭто не ваша вина: ссылка была сломана. Вы не виноваты."),
])
def test_reassuring_negations_pass(lang: str, body: str, check_text: Any) -> None:
    assert not rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


def test_quoted_anger_is_not_the_authors_tone(check_text: Any) -> None:
    body = ("Dzień dobry,\n\nprzepraszamy, nowy czajnik wyślemy jutro.\n\n"
            "W dniu 3.03.2026 o 10:15, Jan <jan@example.pl> napisał(a):\n> To wasza wina, idioci!")
    assert not rule_ids(check_text(draft(body, "pl"), select=["hostile-tone"]))
