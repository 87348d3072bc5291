"""Words and sentences per language: abbreviations, numbers, dates, ordinals, diacritics, Cyrillic."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailgate.lexicon import Lexicons
from mailgate.text.tokens import sentences, words

LEXICONS = Lexicons([Path(__file__).resolve().parents[1] / "rules" / "lexicons"])


def split(text: str, lang: str) -> list[str]:
    def load(name: str) -> frozenset[str]:
        return frozenset(a.rstrip(".").casefold() for a in LEXICONS.matcher(name, lang).phrases)

    return sentences(text, load("abbreviations"), load("sentence_final_abbreviations"))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("de", "Wir liefern z.B. Samen und Erde. Die Lieferung kommt am 3. März. Bitte zahlen Sie bis 1.03.2026. Danke!",
     ["Wir liefern z.B. Samen und Erde.", "Die Lieferung kommt am 3. März.", "Bitte zahlen Sie bis 1.03.2026.",
      "Danke!"]),
    ("de", "Bitte wenden Sie sich an Hr. Müller, d.h. an den Vertrieb. Er ist Mo. bis Fr. erreichbar, Tel. 030 123.",
     ["Bitte wenden Sie sich an Hr. Müller, d.h. an den Vertrieb.", "Er ist Mo. bis Fr. erreichbar, Tel. 030 123."]),
    ("de", "Der Preis steigt um 3.5 Prozent. Gartengeräte, Erde usw. Danach kommt der Herbst.",
     ["Der Preis steigt um 3.5 Prozent.", "Gartengeräte, Erde usw.", "Danach kommt der Herbst."]),
    ("pl", "Prosimy np. o numer zamówienia. Nasz adres to ul. Długa 5, tzn. drugie piętro. Dziękujemy!",
     ["Prosimy np. o numer zamówienia.", "Nasz adres to ul. Długa 5, tzn. drugie piętro.", "Dziękujemy!"]),
    ("pl", "Zapłata do 1.03.2026 r. Potem wyślemy paczkę, m.in. nasiona.",
     ["Zapłata do 1.03.2026 r.", "Potem wyślemy paczkę, m.in. nasiona."]),
    ("ru", "Мы работаем с 9 до 18, т.е. весь день. Наш офис в г. Москва. Цена 3.5 тыс. руб. Спасибо!",
     ["Мы работаем с 9 до 18, т.е. весь день.", "Наш офис в г. Москва.", "Цена 3.5 тыс. руб.", "Спасибо!"]),
    ("ru", "Привезём семена, грунт и т.д. Потом позвоним.", ["Привезём семена, грунт и т.д.", "Потом позвоним."]),
    ("ru", "Во вложении копия счёта № 2231. Оригинал отправлен в 2026 г. почтой.",
     ["Во вложении копия счёта № 2231.", "Оригинал отправлен в 2026 г. почтой."]),
    ("es", "Estimada Dña. Pilar: el Sr. García llamará mañana. Traiga facturas, recibos, etc. Gracias.",
     ["Estimada Dña. Pilar: el Sr. García llamará mañana.", "Traiga facturas, recibos, etc.", "Gracias."]),
    ("es", "¿Cómo está? ¡Muy bien! El pedido n.º 5 llegó.", ["¿Cómo está?", "¡Muy bien!", "El pedido n.º 5 llegó."]),
    ("en", "Dr. Smith will call at 3 p.m. Tomorrow works too. Seeds, e.g. tomatoes, ship on Jan. 5.",
     ["Dr. Smith will call at 3 p.m.", "Tomorrow works too.", "Seeds, e.g. tomatoes, ship on Jan. 5."]),
])
def test_sentences_per_language(lang: str, text: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


def test_blank_line_ends_a_sentence_without_punctuation() -> None:
    assert sentences("Dzień dobry,\n\nzwrot wysłaliśmy dzisiaj") == ["Dzień dobry,", "zwrot wysłaliśmy dzisiaj"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Zażółć gęślą jaźń", ["Zażółć", "gęślą", "jaźń"]),
    ("Съешь же ещё этих мягких булок", ["Съешь", "же", "ещё", "этих", "мягких", "булок"]),
    ("Straße, Grüße; niño, señal", ["Straße", "Grüße", "niño", "señal"]),
    ("e-mail don't l’été", ["e-mail", "don't", "l’été"]),
    ("3.5 kg, 1.03.2026 o 10:15, 1,5 l", ["3.5", "kg", "1.03.2026", "o", "10:15", "1,5", "l"]),
    ("Cafe\u0301 — decomposed accent", ["Cafe\u0301", "decomposed", "accent"]),
])
def test_words_keep_diacritics_cyrillic_and_numbers(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_piece_of_only_dots_is_no_sentence() -> None:
    """Found by the atheris fuzz target: a run of dots before a sentence end crashed the splitter."""
    from mailgate.text.tokens import sentences

    assert sentences(" ... ! Hola Ana. Gracias.") == ["Hola Ana.", "Gracias."]


@pytest.mark.parametrize("bullet", ["-", "–", "—", "•", "·", "▪", "*"])
def test_a_list_item_after_a_colon_starts_a_sentence_of_its_own(bullet: str) -> None:
    text = f"Ein paar Antworten vorab:\n{bullet} Bestellungen verschicken wir in 2 Tagen.\n{bullet} Führungen um 11 Uhr."
    assert sentences(text) == ["Ein paar Antworten vorab:", f"{bullet} Bestellungen verschicken wir in 2 Tagen.",
                               f"{bullet} Führungen um 11 Uhr."]


def test_a_dash_before_a_lower_case_word_continues_the_sentence() -> None:
    assert sentences("Wir antworten\n– innerhalb von 2 Tagen.") == ["Wir antworten – innerhalb von 2 Tagen."]


@pytest.mark.parametrize("text", [
    "Unser Team meldet sich\n— Montag bis Freitag — innerhalb von 24 Stunden bei Ihnen.",
    "На него ответит наш менеджер\n— Анна Петрова — в течение двух рабочих дней.",
])
def test_a_wrapped_dash_aside_is_no_list_item(text: str) -> None:
    """An en or em dash starts an item only after a line that ends a clause, or after another item."""
    assert sentences(text) == [" ".join(text.split())]


def test_dash_items_without_punctuation_are_still_items() -> None:
    assert sentences("Vorab:\n– Bestellungen in 2 Tagen\n– Führungen um 11 Uhr") == [
        "Vorab:", "– Bestellungen in 2 Tagen", "– Führungen um 11 Uhr"]
