"""Politeness register (greeting-register): the configured register against the address used."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import rule_ids

FORMAL = {
    "en": "Dear Ms Carter,\n\nyour order has shipped.",
    "es": "Estimada Sra. García:\n\nle escribimos porque su pedido ya salió. No dude en llamarnos.",
    "de": "Sehr geehrte Frau Braun,\n\nvielen Dank für Ihre Bestellung. Wir senden Ihnen morgen die Rechnung.",
    "pl": "Szanowna Pani,\n\nuprzejmie informujemy, że zamówienie Pani zostało wysłane.",
    "ru": "Уважаемая Анна!\n\nВаш заказ отправлен. Мы сообщим вам номер посылки.",
}
INFORMAL = {
    "en": "Hey Sam,\n\nyour order has shipped.",
    "es": "Hola, Pablo:\n\ntu pedido ya salió. Si tienes dudas, escríbenos.",
    "de": "Hallo Jonas,\n\ndanke für deine Bestellung, wir schicken dir morgen die Rechnung.",
    "pl": "Cześć Ola,\n\nTwoje zamówienie jest w drodze. Daj znać, jak dotrze!",
    "ru": "Привет, Саша!\n\nТвой заказ уже в пути. Напишем тебе номер посылки.",
}


def draft(body: str, lang: str) -> str:
    return f"---\nsubject: Order\nkind: reply\nlang: {lang}\n---\n{body}\n"


@pytest.mark.parametrize("lang", sorted(FORMAL))
def test_mismatch_is_reported_both_ways(lang: str, check_text: Any) -> None:
    select = ["greeting-register"]
    assert "greeting-register" in rule_ids(check_text(draft(INFORMAL[lang], lang), select=select, register="formal"))
    assert "greeting-register" in rule_ids(check_text(draft(FORMAL[lang], lang), select=select, register="informal"))
    assert not rule_ids(check_text(draft(FORMAL[lang], lang), select=select, register="formal"))
    assert not rule_ids(check_text(draft(INFORMAL[lang], lang), select=select, register="informal"))


@pytest.mark.parametrize("lang", sorted(FORMAL))
def test_default_any_adds_no_noise(lang: str, check_text: Any) -> None:
    for body in (FORMAL[lang], INFORMAL[lang]):
        assert not rule_ids(check_text(draft(body, lang), select=["greeting-register"]))


def test_per_language_register_with_default(check_text: Any) -> None:
    register = {"pl": "informal", "default": "formal"}
    assert not rule_ids(check_text(draft(INFORMAL["pl"], "pl"), select=["greeting-register"], register=register))
    assert rule_ids(check_text(draft(INFORMAL["de"], "de"), select=["greeting-register"], register=register))


def test_german_lowercase_sie_is_not_formal_address(check_text: Any) -> None:
    """"sie"/"ihr" in lower case mean she/they/you-all; a sentence-initial "Sie" can be either."""
    body = "Hallo Jonas,\n\ndeine Lampe ist da. Sie wurde heute verschickt, und ihr Kabel liegt bei."
    result = check_text(draft(body, "de"), select=["greeting-register"], register="informal")
    assert not rule_ids(result)


def test_finding_names_the_word_and_register(check_text: Any) -> None:
    result = check_text(draft(INFORMAL["de"], "de"), select=["greeting-register"], register="formal")
    finding = result.findings[0]
    assert '"deine"' in finding.message and "formal" in finding.message
    assert finding.line == 8


def test_russian_lowercase_plural_vy_is_not_formal_but_capital_vy_is(check_text: Any) -> None:
    plural = "Привет, ребята!\n\nСпасибо, что вы с нами. Скидка для тебя и друзей уже в приложении."
    assert not rule_ids(check_text(draft(plural, "ru"), select=["greeting-register"], register="informal"))
    polite = "Привет, Саша!\n\nСообщаем, что для Вас открыт доступ к акции."
    assert rule_ids(check_text(draft(polite, "ru"), select=["greeting-register"], register="informal"))
