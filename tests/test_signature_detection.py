"""Signature and quote detection on realistic replies in the five languages.

The closing phrases are given here, not read from a lexicon, so the test pins the
detection logic of mailgate.text.reply itself.
"""

from __future__ import annotations

import pytest

from mailgate.lexicon import PhraseMatcher
from mailgate.text.reply import split_parts

CLOSINGS = PhraseMatcher(["best regards", "kind regards", "regards", "cheers", "thanks", "thank you",
                          "mit freundlichen grüßen", "viele grüße*", "pozdrawiam*", "z poważaniem",
                          "с уважением", "un saludo", "saludos*", "atentamente"])
ATTRIBUTION = PhraseMatcher(["wrote", "schrieb", "escribió", "pisze", "napisał*", "написал*", "пишет"])

REPLIES = {
    "en-closing": ("""Hello Mr Weber,

thank you for your patience. The refund for order 1042 was sent today.

Best regards,
Anna Kowalska
Customer Care | Garden Shop Ltd
+44 20 7946 0958 | https://gardenshop.example

On Mon, 2 Mar 2026 at 09:12, Peter Weber <p.weber@example.org> wrote:
> Where is my refund?
> --
> Peter
""", "closing", "Anna Kowalska", 3),
    "de-outlook": ("""Guten Tag Herr Weber,

die Lieferung ist heute rausgegangen.

Mit freundlichen Grüßen

Jonas Becker
Gartenhaus Becker GmbH
Tel. +49 30 1234 5678

Von: Peter Weber <p.weber@example.de>
Gesendet: Montag, 2. März 2026 09:12
An: service@gartenhaus.example
Betreff: Lieferung 5531

Wo bleibt meine Lieferung?
""", "closing", "Jonas Becker", 3),
    "pl-framed": ("""Dzień dobry,

paczka została nadana dzisiaj.

Pozdrawiam serdecznie,
--------------------------------------------
Anna Kowalska | Sklep Ogrodowy sp. z o.o.
anna.kowalska@sklep-ogrodowy.example
--------------------------------------------

W dniu 2.03.2026 o 09:12, Jan Nowak <jan@example.pl> pisze:
> Kiedy paczka?
""", "framed", "Anna Kowalska | Sklep Ogrodowy sp. z o.o.", 2),
    "ru-mailru-quote": ("""Здравствуйте, Иван!

Заказ отправлен сегодня.

С уважением,
Мария Иванова
ООО «Садовый мир»

Понедельник, 2 марта 2026, 9:12 +03:00 от Иван Петров <ivan@example.ru>, пишет:
> Где мой заказ?
""", "closing", "Мария Иванова", 2),
    "es-delimiter": ("""Hola Sr. García:

hemos recibido la devolución.

Un saludo
-- 
Lucía Martínez Ruiz
Jardinería Sol S.L.
""", "delimiter", "Lucía Martínez Ruiz", 2),
}


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_signature_found(name: str) -> None:
    text, method, first_line, count = REPLIES[name]
    parts = split_parts(text, ATTRIBUTION, CLOSINGS)
    assert parts.signature is not None
    assert parts.signature.method == method
    assert parts.signature.lines[0] == first_line
    assert len([line for line in parts.signature.lines if line.strip()]) == count
    # The author's part keeps the closing phrase but neither the signature nor the quote.
    assert first_line not in parts.body_text
    assert ">" not in parts.author_text


def test_delimiter_and_rules_are_not_body_text() -> None:
    parts = split_parts(REPLIES["es-delimiter"][0], ATTRIBUTION, CLOSINGS)
    assert parts.body_text.endswith("Un saludo")
    framed = split_parts(REPLIES["pl-framed"][0], ATTRIBUTION, CLOSINGS)
    assert framed.body_text.endswith("Pozdrawiam serdecznie,")


@pytest.mark.parametrize("text", [
    # A short thank-you line followed by news is not a closing plus a signature.
    "Hi Sarah,\n\nThanks for waiting!\nYour order shipped today and arrives on Monday morning.\n",
    # A horizontal rule that separates a list from running text does not open a signature.
    "Hello Sarah,\n\nHere is the summary:\n-----\n1. invoice attached\n2. refund sent\n-----\n"
    "We hope this helps and we are happy to answer any other question you may have.\n",
    # A closing phrase with nothing after it: unsigned.
    "Hallo Frau Schmidt,\n\ndie Rechnung ist im Anhang.\n\nMit freundlichen Grüßen\n",
])
def test_no_signature(text: str) -> None:
    assert split_parts(text, ATTRIBUTION, CLOSINGS).signature is None


def test_quote_signature_is_not_the_authors() -> None:
    text = "Hello,\n\nthe refund was sent.\n\nOn Mon, 2 Mar 2026, Peter <p@example.org> wrote:\n> Hi\n> -- \n> Peter Weber\n"
    assert split_parts(text, ATTRIBUTION, CLOSINGS).signature is None


def test_last_closing_decides() -> None:
    text = "Hi Sarah,\n\nThanks for your message.\nWe shipped it.\nBest regards, Tom\n"
    assert split_parts(text, ATTRIBUTION, CLOSINGS).signature is None


def test_html_quote_attribution_without_quote_marks() -> None:
    # Visible text of a Gmail HTML reply: the quoted message is a <blockquote>, no ">" prefixes.
    text = ("Hola Pedro:\n\nel reembolso sale hoy.\n\n-- \nLucía Martínez Ruiz\n\n"
            "El lun, 2 mar 2026 a las 9:12, Pedro García (<pedro@example.es>) escribió:\n"
            "¿Cuándo me devuelven el dinero?\n")
    parts = split_parts(text, ATTRIBUTION, CLOSINGS)
    assert "dinero" in parts.quoted and "dinero" not in parts.author_text
    assert parts.signature is not None and parts.signature.lines == ("Lucía Martínez Ruiz",)


def test_blank_lines_of_html_text_do_not_count() -> None:
    # Visible text of an HTML reply: every <div> and <br> ends a block, so lines come with blank lines between.
    signature = ["Jonas Becker", "Kundenservice", "Gartenhaus Becker GmbH", "Lindenstraße 12", "10115 Berlin",
                 "Tel. +49 30 1234 5678", "www.gartenhaus.example"]
    text = "\n\n".join(["Guten Tag Herr Weber,", "die Lieferung ist heute rausgegangen.", "Viele Grüße", *signature])
    found = split_parts(text, ATTRIBUTION, CLOSINGS).signature
    assert found is not None and [line for line in found.lines if line] == signature


def test_open_ended_signature_stops_before_running_text() -> None:
    # A campaign's closing, then its legal footer: the footer is not the signature.
    text = ("Hello Anna,\n\nour spring catalogue is here.\n\nKind regards,\nTom Baker and the Garden Shop team\n\n"
            "You receive this email because you subscribed to our newsletter on gardenshop.example.\n"
            "Garden Shop Ltd, 12 Orchard Lane, Bristol BS1 4DJ, United Kingdom, +44 20 7946 0958\n")
    found = split_parts(text, ATTRIBUTION, CLOSINGS).signature
    assert found is not None and found.lines == ("Tom Baker and the Garden Shop team",)
    # After an explicit "-- " the author decides: everything below is the signature.
    delimited = split_parts(text.replace("Kind regards,\n", "-- \n"), ATTRIBUTION, CLOSINGS).signature
    assert delimited is not None and len(delimited.lines) == 4


@pytest.mark.parametrize(("lang", "ending"), [
    ("en", "Best regards, Dr. Smith"),  # an abbreviation's full stop does not split the valediction
    ("de", "Viele Grüße, Ihr Dr. Weber"),
    ("en", "Thanks! Bye."),
    ("en", "Kind regards,\n\nThis e-mail and any attachments are confidential and intended solely for the addressee."),
    ("de", "Mit freundlichen Grüßen\n\nDiese E-Mail enthält vertrauliche Informationen und ist nur für den "
           "Empfänger bestimmt."),
    ("es", "¡Nos vemos bajo el agua! Un saludo grande,\n\nYurena"),
])
def test_valedictions_that_end_a_reply_are_found(check_text: object, lang: str, ending: str) -> None:
    result = check_text(f"---\nkind: reply\nlang: {lang}\n---\nHello,\n\nthe part is on its way.\n\n{ending}\n",
                        select=["closing"])
    assert not result.findings and not result.errors


@pytest.mark.parametrize(("lang", "ending"), [
    ("en", "Callum is free on Thursday. Reply and I will confirm it. See you on Thursday, hopefully."),
    ("pl", "Dzięki też za obszerną instrukcję, jak mamy prowadzić szkółkę — na pewno skorzystamy.\n\n"
           "Drzewko można przywieźć do nas na zimowanie; opieka kosztuje 40 zł miesięcznie."),
])
def test_a_goodbye_inside_a_paragraph_or_before_one_is_no_closing(check_text: object, lang: str, ending: str) -> None:
    result = check_text(f"---\nkind: reply\nlang: {lang}\n---\nHello,\n\nthe part is on its way.\n\n{ending}\n\n"
                        "--\nJan Kowal\n", select=["closing"])
    assert [f.rule for f in result.findings] == ["closing"]
