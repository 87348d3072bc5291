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


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Dear Mr Okoye,\n\nthe shrinkage is the result of your own carelessness, not a defect."),
    ("en", "Hello,\n\nas I clearly explained last week, refunds take ten days."),
    ("es", "Estimado Sr. Fuentes:\n\nLa culpa es exclusivamente suya."),
    ("es", "Hola:\n\nno sé cuántas veces más tengo que explicártelo."),
    ("de", "Sehr geehrter Herr Neumann,\n\ndas haben Sie sich selbst zuzuschreiben."),
    ("de", "Hallo,\n\nwie oft muss ich Ihnen das noch erklären?"),
    ("de", "Guten Tag,\n\ndas liegt an Ihrer eigenen Unachtsamkeit."),
    ("pl", "Cześć,\n\nktóry raz mam ci to tłumaczyć?"),
    ("pl", "Szanowny Panie,\n\nto wynika z Pana własnej nieostrożności."),
    ("ru", "Здравствуйте.\n\nЕсли бы вы удосужились прочитать FAQ, вопросов бы не было."),
    ("ru", "Здравствуйте.\n\nВинить в этом вам некого, кроме себя."),
])
def test_blame_structures_with_words_between_are_found(lang: str, body: str, check_text: Any) -> None:
    assert "hostile-tone" in rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hiya Beth!\n\nSorry about the mix-up, you should've got the blue one, not the green."),
    ("en", "Hello,\n\nthank you, we were careless with the packing and will resend it."),
    ("es", "Hola Sofía:\n\nquedate tranqui, no fue culpa tuya para nada."),
    ("de", "Hallo Anna,\n\ndas ist wirklich nicht Ihre Schuld."),
    ("ru", "Здравствуйте!\n\nЭто совсем не ваша вина."),
])
def test_what_we_owed_and_negations_in_either_order_pass(lang: str, body: str, check_text: Any) -> None:
    assert not rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))
