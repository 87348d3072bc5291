"""The author's part of a reply: quoted history (five languages' attribution lines, Outlook
header blocks, '>' lines) and the signature are cut off; greeting and closing are found."""

from __future__ import annotations

from typing import Any

import pytest

from mailgate.config import Settings
from mailgate.load import load_bytes


def document(text: str, engine: Any, name: str = "draft.md") -> Any:
    message = load_bytes(text.encode("utf-8"), name)[0]
    settings = Settings({})
    return engine.document(message, settings, engine.rule_set(settings).lexicons)


ATTRIBUTIONS = [
    ("en", "On Mon, 2 Mar 2026 at 08:55, Peter Clark <p.clark@example.com> wrote:"),
    ("en", "On Mon, 2 Mar 2026 at 08:55, Peter Clark <\np.clark@example.com> wrote:"),
    ("es", "El lun, 2 mar 2026 a las 8:55, Andrés Castro <a.castro@example.es> escribió:"),
    ("de", "Am 02.03.2026 um 08:55 schrieb Peter Schmitt <p.schmitt@example.de>:"),
    ("de", "Peter Schmitt <p.schmitt@example.de> schrieb am Mo., 2. März 2026, 08:55:"),
    ("pl", "W dniu 2.03.2026 o 08:55, Andrzej Nowak <a.nowak@example.pl> napisał(a):"),
    ("pl", "Dnia 2 marca 2026 08:55 Anna Nowak <anna@example.pl> napisała:"),
    ("ru", "2 марта 2026 г., в 8:55, Андрей Носов <a.nosov@example.ru> написал:"),
    ("ru", "Андрей пишет:"),
    ("ru", "пн, 2 мар. 2026 г. в 08:55, Андрей Носов <a.nosov@example.ru>:"),
]


@pytest.mark.parametrize(("lang", "attribution"), ATTRIBUTIONS)
def test_an_answer_below_the_quote_is_the_authors(lang: str, attribution: str, engine: Any) -> None:
    """Bottom-posting: attribution and '>' lines first, then the author's greeting and answer."""
    text = f"{attribution}\n> Czy sklep jest otwarty w piątek?\n\nDzień dobry Pani Anno,\n\ntak, do 16:00.\n\nPozdrawiam\nGrzegorz\n"
    doc = document(text, engine, "reply.txt")  # a .md draft would read '<address>' as an HTML tag
    assert doc.body_text.startswith("Dzień dobry Pani Anno,")
    assert "piątek" in doc.parts.quoted and "piątek" not in doc.body_text


@pytest.mark.parametrize(("lang", "attribution"), ATTRIBUTIONS)
def test_quote_attribution_starts_the_history(lang: str, attribution: str, engine: Any) -> None:
    text = f"Dzień dobry,\n\nnowy termin to środa.\n\n{attribution}\n> To jest skandal, idioci!\n> Anna\n"
    doc = document(text, engine)
    assert "skandal" not in doc.body_text
    assert "środa" in doc.body_text
    assert "skandal" in doc.parts.quoted


def test_a_sentence_ending_in_wrote_is_not_a_quote(engine: Any) -> None:
    doc = document("Hello Anna,\n\nhere is what I wrote:\nthe parcel left on Monday.\n\nKind regards,\nTom\n", engine)
    assert "parcel left on Monday" in doc.body_text


@pytest.mark.parametrize(("lang", "line", "item", "closing"), [
    ("ru", "С удовольствием соберём сырную тарелку на 30 гостей. Вы написали, что будет саперави, поэтому предлагаю:",
     "мёд и орехи.", "С уважением,"),
    ("en", "We can seat 30 guests. You wrote that two of them are vegan, so I suggest:", "honey and nuts.",
     "Kind regards,"),
])
def test_prose_with_a_number_ending_in_a_colon_is_not_an_attribution(lang: str, line: str, item: str, closing: str,
                                                                      engine: Any) -> None:
    text = f"---\nlang: {lang}\nkind: reply\n---\nHello Anna,\n\n{line}\n- a goat cheese plate;\n- {item}\n\n{closing}\nTom\n"
    doc = document(text, engine)
    assert item in doc.body_text and doc.closing == closing


@pytest.mark.parametrize("header", [
    "From: Rachel Adams <rachel@example.com>\nSent: Monday, March 2, 2026 8:40 AM\nTo: support@example.com\nSubject: Seeds",
    "Von: Rahel Albrecht <rahel@example.de>\nGesendet: Montag, 2. März 2026 08:40\nAn: support@example.de\nBetreff: Saatgut",
    "De: Raquel Adán <raquel@example.es>\nEnviado el: lunes, 2 de marzo de 2026 8:40\nPara: soporte@example.es\nAsunto: Semillas",
    "Od: Agata Adamczyk <agata@example.pl>\nWysłano: poniedziałek, 2 marca 2026 08:40\nDo: bok@example.pl\nTemat: Nasiona",
    "От: Раиса Андреева <raisa@example.ru>\nОтправлено: понедельник, 2 марта 2026 г. 8:40\nКому: help@example.ru\nТема: Семена",
    "-----Original Message-----\nFrom: Rachel <rachel@example.com>",
    "---------- Forwarded message ---------\nFrom: Rachel <rachel@example.com>",
])
def test_outlook_header_blocks_start_the_history(header: str, engine: Any) -> None:
    doc = document(f"Hi Rachel,\n\nit ships tomorrow.\n\nThanks,\nKen\n\n{header}\n\nAre you idiots?\n", engine)
    assert "idiots" not in doc.body_text
    assert doc.body_text.startswith("Hi Rachel,")


def test_polish_reply_quoting_english_is_judged_and_detected_as_polish(engine: Any) -> None:
    text = ("---\nsubject: 'Odp: Order'\nkind: reply\n---\nDzień dobry,\n\nzamówienie wyślemy jutro.\n\nPozdrawiam\nKamil\n\n"
            "On Mon, 2 Mar 2026 at 08:40, Rachel Adams <rachel@example.com> wrote:\n"
            "> Hello, why has my order still not shipped? This is the third time I am writing to you about it,\n"
            "> and nobody from your team has answered me. I would like to know when it will arrive, please.\n")
    doc = document(text, engine)
    assert doc.lang == "pl"
    assert "Rachel" not in doc.body_text


def test_signature_is_not_body(engine: Any) -> None:
    doc = document("Guten Tag Frau Weber,\n\ndie Rechnung liegt bei.\n\nMit freundlichen Grüßen\nJan Schulz\n"
                   "Gartenhaus GmbH\nhttps://gartenhaus.example.de\n", engine)
    assert doc.signature is not None and doc.signature.lines[0] == "Jan Schulz"
    assert "Gartenhaus GmbH" not in doc.body_text
    assert doc.closing.endswith("Mit freundlichen Grüßen")
    assert doc.words == ["Guten", "Tag", "Frau", "Weber", "die", "Rechnung", "liegt", "bei", "Mit", "freundlichen",
                         "Grüßen"]


def test_greeting_after_a_headline(engine: Any) -> None:
    doc = document("<html><body><h1>Wiosenne grządki</h1><p>Dzień dobry Pani Anno,</p><p>przyszła wiosna.</p>"
                   "</body></html>", engine, "campaign.html")
    assert doc.greeting == "Dzień dobry Pani Anno,"


@pytest.mark.parametrize(("text", "closing"), [
    ("Hallo,\n\nwir haben Montag bis Samstag von 9 bis 19 Uhr geöffnet, an Feiertagen geschlossen.\n", ""),
    ("Hallo Anna,\n\ndie Ware kommt am Montag.\n\nBis Samstag im Laden!\nPeter\n", "Bis Samstag im Laden!"),
    ("Hi Anna,\n\nthe parcel ships today.\n\nAgain, many thanks!\n", "Again, many thanks!"),
])
def test_the_closing_is_a_line_that_says_goodbye(text: str, closing: str, engine: Any) -> None:
    """A closing phrase in the middle of a long sentence ("bis Samstag") is a fact, not a goodbye."""
    assert document(text, engine, "reply.txt").closing == closing


@pytest.mark.parametrize(("lang", "thanks"), [("en", "Thanks!"), ("de", "Danke!"), ("pl", "Dzięki!")])
def test_a_thank_you_on_the_first_line_still_closes_above_a_five_line_signature(lang: str, thanks: str,
                                                                              engine: Any) -> None:
    text = (f"---\nlang: {lang}\nkind: reply\n---\n{thanks}\n\nJohn Smith\nHead of Accounts\nAcme Ltd\n"
            "+44 20 7946 0958\nwww.acme.example\n")
    doc = document(text, engine)
    assert doc.closing == thanks and doc.signature is not None and "Acme Ltd" in doc.signature.lines


@pytest.mark.parametrize(("lang", "attribution"), [
    ("pl", "W dniu wt., 3 mar Anna Nowak napisała:"), ("en", "On Tue, 3 Mar, Anna Berg wrote:"),
])
def test_an_attribution_with_a_day_but_no_year_still_starts_the_history(lang: str, attribution: str,
                                                                        engine: Any) -> None:
    html = (f"<html lang=\"{lang}\"><body><div>Dzień dobry,<br><br>paczka wysłana dziś.</div><div>{attribution}</div>"
            "<blockquote>Jesteście bandą idiotów i oszustów.<br><br>Anna</blockquote></body></html>")
    doc = document(f"---\nlang: {lang}\nkind: reply\n---\n{html}", engine, "reply.html")
    assert "idiotów" not in doc.body_text and "paczka" in doc.body_text
