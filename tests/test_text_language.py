"""Language of a message: declared (front matter, <html lang>, Content-Language) before detected,
detection restricted to the configured languages, and right on short texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailgate.classify import detect_language
from mailgate.config import Settings
from mailgate.lexicon import Lexicons
from mailgate.load import load_bytes

LEXICONS = Lexicons([Path(__file__).resolve().parents[1] / "rules" / "lexicons"])
FIVE = ("en", "es", "de", "pl", "ru")

# Subject lines and short replies that are not in tests/corpus/ (written separately from it).
SHORT_TEXTS = [
    ("en", "Re: Your parcel is delayed"), ("en", "Question about my invoice"), ("en", "Fwd: Delivery update"),
    ("en", "Can I change my order?"), ("en", "Thanks, it arrived today."), ("en", "Newsletter: what's new in May"),
    ("es", "Re: Su paquete llega tarde"), ("es", "Pregunta sobre mi factura"), ("es", "¿Puedo cambiar el pedido?"),
    ("es", "Gracias, ya ha llegado."), ("es", "Novedades de mayo"), ("es", "RV: Cambio de dirección"),
    ("de", "AW: Ihr Paket verspätet sich"), ("de", "Frage zu meiner Rechnung"), ("de", "Kann ich die Bestellung ändern?"),
    ("de", "Danke, ist heute angekommen."), ("de", "Neuigkeiten im Mai"), ("de", "WG: Lieferadresse"),
    ("pl", "Odp: Paczka się spóźnia"), ("pl", "Pytanie o fakturę"), ("pl", "Czy mogę zmienić zamówienie?"),
    ("pl", "Dzięki, dziś doszło."), ("pl", "Nowości w maju"), ("pl", "PD: Zmiana adresu"),
    ("ru", "Re: Посылка задерживается"), ("ru", "Вопрос по счёту"), ("ru", "Можно изменить заказ?"),
    ("ru", "Спасибо, сегодня пришло."), ("ru", "Новинки мая"), ("ru", "Отв: Адрес доставки"),
    ("en", "Hi Tom,\nthe boots fit perfectly.\nThanks again!"),
    ("es", "Hola, Tomás:\nlas botas me quedan perfectas.\n¡Gracias otra vez!"),
    ("de", "Hallo Tom,\ndie Stiefel passen perfekt.\nNochmals danke!"),
    ("pl", "Cześć Tomek,\nbuty pasują idealnie.\nJeszcze raz dzięki!"),
    ("ru", "Привет, Том!\nБотинки подошли идеально.\nЕщё раз спасибо!"),
]


def test_short_texts_are_detected() -> None:
    found = [(lang, text, detect_language(text, FIVE, LEXICONS)[0]) for lang, text in SHORT_TEXTS]
    wrong = [item for item in found if item[0] != item[2]]
    assert len(wrong) <= 1, wrong  # at least 34 of 35


def test_detection_is_restricted_to_the_configured_languages() -> None:
    assert detect_language("Dzień dobry, paczka dotarła wczoraj.", ("en", "de"), LEXICONS)[0] in {"en", "de"}
    assert detect_language("Bonjour, le colis est arrivé hier, merci beaucoup.", ("fr", "de"), LEXICONS)[0] == "fr"
    assert detect_language("Anything at all", ("pl",), LEXICONS) == ("pl", "detected")


def test_no_text_no_language() -> None:
    assert detect_language("  ", FIVE, LEXICONS) == (None, "too little text to detect the language")
    assert detect_language("12345 67890", FIVE, LEXICONS)[0] is None


@pytest.mark.parametrize(("text", "name", "lang", "reason"), [
    ("---\nlang: de-AT\nkind: reply\n---\nHello Anna, your order shipped.", "a.md", "de", "front matter 'lang'"),
    ('<html lang="es-ES"><body><p>Hello Anna, your order shipped.</p></body></html>', "a.html", "es", "<html lang>"),
    ("From: a@example.com\nSubject: Hi\nContent-Language: pl\nContent-Type: text/plain; charset=utf-8\n\n"
     "Hello Anna, your order shipped.\n", "a.eml", "pl", "Content-Language header"),
    ("---\nkind: reply\n---\nЗдравствуйте! Ваш заказ отправлен сегодня.", "a.md", "ru", "detected"),
])
def test_declared_language_wins_over_detection(text: str, name: str, lang: str, reason: str, engine: Any) -> None:
    settings = Settings({})
    doc = engine.document(load_bytes(text.encode("utf-8"), name)[0], settings, engine.rule_set(settings).lexicons)
    assert (doc.lang, doc.lang_reason) == (lang, reason)


def test_a_foreign_name_does_not_decide_the_language() -> None:
    text = ("Guten Tag, Herr Łukasz Wiśniewski hat die Bestellung gestern storniert. "
            "Wir erstatten den Betrag in den nächsten Tagen auf das Konto.")
    assert detect_language(text, FIVE, LEXICONS)[0] == "de"


def test_a_short_text_without_evidence_stays_unknown_rather_than_wrong() -> None:
    assert detect_language("Password\nReset link", FIVE, LEXICONS)[0] in {"en", None}
