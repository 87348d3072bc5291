"""Reply drafts with their context: timing from front matter, headers, --in-reply-to and mailboxes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, rule_ids

CUSTOMER = """From: Jan Nowak <jan.nowak@example.pl>
To: pomoc@sklep.example
Subject: Zamówienie 5521
Message-ID: <q-5521@example.pl>
Date: Fri, 06 Mar 2026 18:40:00 +0100
Content-Type: text/plain; charset=utf-8

Dzień dobry, kiedy dotrze zamówienie 5521? Czy mogę zmienić adres dostawy na biuro?
"""
DRAFT = """From: Anna Kowalska <pomoc@sklep.example>
To: jan.nowak@example.pl
Subject: Re: Zamówienie 5521
In-Reply-To: <q-5521@example.pl>
Date: Mon, 09 Mar 2026 10:15:00 +0100
Content-Type: text/plain; charset=utf-8

Dzień dobry,

zamówienie 5521 dotrze jutro.

Pozdrawiam
Anna Kowalska
"""
REPLY_RULES = "reply-sla,late-reply-apology,questions-answered"


def _files(tmp_path: Path, config: str = "") -> tuple[Path, Path]:
    (tmp_path / "customer.eml").write_text(CUSTOMER, encoding="utf-8")
    (tmp_path / "draft.eml").write_text(DRAFT, encoding="utf-8")
    if config:
        (tmp_path / "mailgate.yaml").write_text(config, encoding="utf-8")
    return tmp_path / "draft.eml", tmp_path / "customer.eml"


def _acknowledgment(check_text: Any, text: str, lang: str) -> Any:
    """acknowledgment-deadline alone on an auto-reply of ``text``."""
    return check_text(f"---\nkind: autoreply\nlang: {lang}\n---\n{text}\n", select=["acknowledgment-deadline"])


def _rules(result: Any) -> set[str]:
    return {f["rule"] for r in result.json()["results"] for f in r["findings"]}


def test_in_reply_to_gives_the_draft_its_customer(run_cli: Any, tmp_path: Path) -> None:
    draft, customer = _files(tmp_path)
    alone = run_cli("check", draft, "--select", REPLY_RULES, "-f", "json")
    assert _rules(alone) == set(), alone  # without context there is nothing to judge
    result = run_cli("check", draft, "--in-reply-to", customer, "--select", REPLY_RULES, "-f", "json")
    assert result.code == 1, result
    assert _rules(result) == {"reply-sla", "late-reply-apology", "questions-answered"}
    sla = next(f for f in result.json()["results"][0]["findings"] if f["rule"] == "reply-sla")
    assert "63.6 business hours" in sla["message"]


def test_friday_evening_answered_monday_is_in_time_with_office_hours(run_cli: Any, tmp_path: Path) -> None:
    draft, customer = _files(tmp_path, 'timezone: Europe/Warsaw\nbusiness_hours: {weekdays: "09:00-17:00"}\n')
    result = run_cli("check", draft, "--in-reply-to", customer, "--select", REPLY_RULES, "-f", "json")
    assert _rules(result) == {"questions-answered"}, result  # the address question is still open


def test_sla_reply_hours_and_rule_option_precedence(check_text: Any) -> None:
    draft = "---\nkind: reply\nlang: en\nreceived_at: 2026-03-02T09:00:00Z\ndrafted_at: 2026-03-02T19:00:00Z\n---\nHello,\n\ndone.\n"
    assert "reply-sla" not in rule_ids(check_text(draft, select=["reply-sla"]))
    assert "reply-sla" in rule_ids(check_text(draft, select=["reply-sla"], sla={"reply_hours": 8}))
    overridden = check_text(draft, select=["reply-sla"], sla={"reply_hours": 8}, rules={"reply-sla": {"max_hours": 12}})
    assert "reply-sla" not in rule_ids(overridden)


def test_front_matter_in_reply_to_names_the_customer_file(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "question.eml").write_text(CUSTOMER, encoding="utf-8")
    (tmp_path / "draft.md").write_text("---\nkind: reply\nlang: pl\nin_reply_to: question.eml\n"
                                       "drafted_at: 2026-03-10T12:00:00+01:00\n---\nDzień dobry,\n\n"
                                       "zamówienie 5521 dotrze jutro.\n", encoding="utf-8")
    result = run_cli("check", tmp_path / "draft.md", "--select", REPLY_RULES, "-f", "json")
    assert {"reply-sla", "late-reply-apology"} <= _rules(result), result


def test_a_bad_received_at_is_an_error_naming_the_field(check_text: Any) -> None:
    result = check_text("---\nkind: reply\nreceived_at: last tuesday\n---\nHello\n", select=["reply-sla"])
    assert result.errors and "received_at" in result.errors[0] and "last tuesday" in result.errors[0]


def test_draft_without_drafted_at_is_judged_as_written_now(check_text: Any) -> None:
    result = check_text("---\nkind: reply\nlang: en\nreceived_at: 2020-01-01T09:00:00Z\n---\nHello,\n\ndone.\n",
                        select=["reply-sla"])
    assert "reply-sla" in rule_ids(result)


def test_in_reply_to_file_missing_is_exit_2(run_cli: Any, tmp_path: Path) -> None:
    draft, _ = _files(tmp_path)
    result = run_cli("check", draft, "--in-reply-to", tmp_path / "nope.eml")
    assert result.code == 2 and "nope.eml" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We will answer within two business days."),
    ("es", "Le responderemos en 24 horas."),
    ("de", "Wir melden uns innerhalb von 24 Stunden."),
    ("pl", "Odpowiemy w ciągu 24 godzin."),
    ("ru", "Мы ответим в течение 24 часов."),
    ("en", "A person will reply by Monday."),
    ("ru", "Ответим до понедельника."),
    ("es", "Le responderemos en un plazo máximo de 48 horas."),  # 'un' is also a number word
    ("pl", "Odpowiemy do końca tygodnia."),
    # A range is a deadline too: its upper end is the promise.
    ("en", "We will reply within 3–5 working days."),
    ("en", "We will reply within two to three working days."),
    ("es", "Le responderemos en 2-3 días hábiles."),
    ("de", "Wir melden uns in zwei bis drei Tagen."),
    ("pl", "Odpowiemy w ciągu 3–5 dni roboczych."),
    ("ru", "Мы ответим в течение двух-трёх дней."),
    ("de", "Wir rufen Sie spätestens am nächsten Werktag bis 12 Uhr zurück."),  # a separable verb
    ("en", "Someone from our booking team will reply within 4 working hours."),
    ("de", "Wir antworten am kommenden Donnerstag."),
    ("pl", "Pocztę przeglądamy raz w tygodniu, dlatego odpowiemy w najbliższy czwartek."),
    ("ru", "Ответим в ближайший четверг."),
    ("de", "Wir antworten innerhalb von zwei bis drei Werktagen."),  # a range, not opening hours "von 9 bis 18"
    ("de", "Ich antworte Ihnen bis Freitagabend, versprochen."),
    # "the next N hours" in every language, with digits and with number words
    ("en", "Thank you for your message. We will get back to you within the next 24 hours."),
    ("es", "Te llamaremos o te escribiremos dentro de las próximas 24 horas."),
    ("es", "Le responderemos en las próximas 48 horas."),
    ("es", "Te escribiremos en los próximos dos días."),
    ("de", "Wir melden uns innerhalb der nächsten 24 Stunden bei Ihnen."),
    ("de", "Wir antworten in den kommenden zwei Werktagen."),
    ("pl", "Odpowiemy w ciągu najbliższych 24 godzin."),
    ("pl", "Odpiszemy w najbliższych dwóch dniach."),
    ("ru", "Мы ответим в течение ближайших 24 часов."),
    ("ru", "Мы ответим в ближайшие два рабочих дня."),
])
def test_acknowledgments_with_a_deadline_pass(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert not result.findings and not result.errors


@pytest.mark.parametrize(("lang", "text", "other_time"), [
    ("en", "We have your message and will get back to you soon.\n\nRepairs are done within 2 working days.",
     "within 2 working days"),
    ("es", "Responderemos lo antes posible.\n\nLos envíos salen en 48 horas.", "en 48 horas"),
    ("de", "Wir melden uns bald.\n\nEinen Zaun bauen wir innerhalb von 2 Tagen auf.", "innerhalb von 2 Tagen"),
    ("pl", "Odpowiemy najszybciej, jak to możliwe.\n\nOdwiert wykonujemy w ciągu jednego dnia.",
     "w ciągu jednego dnia"),
    ("ru", "Мы ответим в порядке очереди.\n\nПечь кладём в течение трёх дней.", "в течение трёх дней"),
    # "Antworten" heads a list of answers given in advance; each item is a sentence of its own.
    ("de", "Wir kümmern uns so schnell wie möglich darum.\n\nEin paar Antworten vorab:\n– Bestellungen "
           "verschicken wir innerhalb von 2–3 Werktagen.\n– Führungen gibt es um 11 Uhr.", "innerhalb von 2–3 Werktagen"),
])
def test_a_time_said_of_something_else_is_no_deadline_and_the_finding_names_it(
        check_text: Any, lang: str, text: str, other_time: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert rule_ids(result) == {"acknowledgment-deadline"}
    assert f"“{other_time}” is not said of the answer" in result.findings[0].message


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Wir antworten Mo-Fr 9-17 Uhr."),
    ("de", "Wir antworten von 9 bis 18 Uhr."),
    ("ru", "Мы ответим в ближайшее время, средства вернутся на карту."),  # "средства" is no Wednesday
    ("ru", "Мы отвечаем на письма с 9 до 18 часов."),
    ("en", "We answer emails from 9 to 11 am."),
    ("es", "Le responderemos en los próximos días."),  # "the next days" names no number of them
    ("de", "Wir melden uns in den nächsten Tagen."),
    ("pl", "Odpowiemy w najbliższych dniach."),
    ("ru", "Ответим в ближайшие дни."),
    # Being reachable is no promise to answer (corpus_blind22 ru a05, es).
    ("ru", "Администратор на связи по будням с 10:00 до 19:00, в субботу с 10:00 до 15:00."),
    ("ru", "Администратор на связи с 10:00 до 19:00 в субботу."),
    ("es", "Nuestro horario de contacto es el sábado de 10:00 a 14:00."),
    # An imperative asks the reader to call; it promises nothing.
    ("de", "Bei dringenden Fragen ruft uns einfach bis 18 Uhr unter 030 123456 an."),
    ("de", "Bei dringenden Fragen rufe uns einfach bis 18 Uhr unter 030 123456 an."),
    # An ability denied is no promise, whatever time stands beside it (corpus_blind23 es a04).
    ("es", "El obrador trabaja desde las cinco de la mañana y no siempre podemos atender el correo al día."),
    ("en", "During December we start baking at 5 am and can't always answer emails the same day."),
    ("de", "Im Dezember backen wir ab 5 Uhr und schaffen es nicht immer, am selben Tag zu antworten."),
    ("pl", "W grudniu pieczemy od 5 rano i nie zawsze udaje się nam odpowiedzieć tego samego dnia."),
    ("ru", "В декабре мы печём с 5 утра и не всегда успеваем ответить в тот же день."),
    ("es", "Si lo prefiere, puede devolvernos la llamada antes de las 18:00."),  # the reader calls
])
def test_opening_hours_and_vague_promises_are_no_deadline(lang: str, text: str, check_text: Any) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert rule_ids(result) == {"acknowledgment-deadline"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Our potter is at the craft fair in York (3–5 October) and will reply as soon as she can."),
    ("es", "El maestro está en la feria de Albacete (del 3 al 5 de octubre) y le responderá en cuanto pueda."),
    ("de", "Der Meister ist auf der Messe in Leipzig (3. bis 5. Oktober) und antwortet, sobald er kann."),
    ("pl", "Mistrz jest na targach w Poznaniu (3–5 października) i odpowie, gdy tylko będzie mógł."),
    ("ru", "Сейчас мастер на фестивале в Великом Новгороде (3–5 октября) и ответит вам, как только появится возможность."),
])
def test_a_date_in_an_aside_before_the_answer_dates_something_else(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert rule_ids(result) == {"acknowledgment-deadline"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We will reply soon (within 2 working days)."),
    ("es", "Le responderemos pronto (en 48 horas)."),
    ("de", "Wir antworten bald (innerhalb von 2 Werktagen)."),
    ("pl", "Odpowiemy wkrótce (w ciągu 2 dni roboczych)."),
    ("ru", "Мы скоро ответим (в течение 2 рабочих дней)."),
    ("en", "Our team (open Monday to Friday, 9 to 5) will reply within 2 working days."),
    # In the answer's own clause the aside is the answer's deadline, before the verb too (review of 2ed78fa).
    ("de", "Wir werden Ihre Anfrage (spätestens innerhalb von 2 Werktagen) beantworten."),
    ("de", "Wir werden uns (innerhalb von 48 Stunden) bei Ihnen melden."),
    ("ru", "Мы (в течение 2 рабочих дней) ответим вам."),
    ("es", "Nuestro equipo (en un plazo de 48 horas) le responderá."),
    ("en", "Our support team (usually within 24 hours) will reply to you."),
    ("pl", "Nasz zespół (w ciągu 2 dni roboczych) odpowie na Twoje pytanie."),
])
def test_a_deadline_in_an_aside_after_the_answer_is_the_answers(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert not result.findings and not result.errors


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Wir melden uns so schnell wie möglich, und Ihre Bestellung wird in den nächsten 2 Werktagen verschickt."),
    ("de", "Wir melden uns so schnell wie möglich, und Ihre Bestellung wird innerhalb der nächsten 2 Werktage versandt."),
    ("es", "Le responderemos lo antes posible, y los pedidos se envían durante los próximos 2 días."),
    ("es", "Durante las próximas dos semanas la tienda estará cerrada, pero le responderemos lo antes posible."),
    ("de", "In den nächsten zwei Wochen sind wir im Urlaub und antworten Ihnen danach so schnell wie möglich."),
    ("pl", "W najbliższych dwóch tygodniach jesteśmy na urlopie i odpowiemy, gdy tylko będzie to możliwe."),
    ("ru", "В ближайшие две недели мы в отпуске и ответим вам, как только сможем."),
    # The verb "estimate" and a bare price are no quote promised to the reader.
    ("en", "We estimate that parcels arrive within 3 working days. We will reply as soon as we can."),
    ("ru", "Стоимость доставки сохраняется в течение 2 дней. Ответим, как только сможем."),
])
def test_the_next_days_of_shipping_or_of_an_absence_are_no_deadline(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert rule_ids(result) == {"acknowledgment-deadline"}


@pytest.mark.parametrize(("lang", "opening", "wrapped"), [
    ("en", "Thank you for your email.", "I'm away at the Royal Exchange for the rehearsals\nand am not checking email while I'm\n"
     "in the wig room.\n\nI'm back on Monday 5 October and will reply to your message\nthat day."),
    ("de", "Vielen Dank für Ihre Nachricht.", "Ich bin bis Freitag auf der Messe in Leipzig\nund lese keine E-Mails, "
     "solange ich\nam Stand bin.\n\nAb Montag, 5. Oktober, bin ich zurück und antworte Ihnen\nam selben Tag."),
])
def test_a_hard_wrapped_message_below_a_thank_you_is_no_signature(check_text: Any, lang: str, opening: str,
                                                                    wrapped: str) -> None:
    text = f"{opening}\n\n{wrapped}\n\nRosalind Vane\nRosalind Vane Wigs\nhttps://rosalindvane.example"
    result = _acknowledgment(check_text, text, lang)
    assert not result.findings and not result.errors


def test_a_duration_before_a_vague_promise_is_no_deadline_whatever_the_order(check_text: Any) -> None:
    text = "Repairs are done within 2 working days. We will get back to you soon."
    result = _acknowledgment(check_text, text, "en")
    assert rule_ids(result) == {"acknowledgment-deadline"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "I am out of the office until Monday 30 November. I will reply to your message on that day."),
    ("de", "Ich bin bis Montag, 30. November, im Urlaub. Ich beantworte Ihre Nachricht dann umgehend."),
    ("ru", "Я в командировке до 7 декабря. Отвечу на ваше письмо 8 декабря."),
    ("en", "I'm away until Monday 30 November. I will reply to your message on the day I return, Monday 30 November."),
    ("es", "Estoy fuera hasta el lunes 30 de noviembre. Le contestaré el día de mi regreso."),
    ("de", "Ich bin bis Montag, 30. November, auf einer Tour. Ich antworte Ihnen am Tag meiner Rückkehr."),
    ("pl", "Jestem na urlopie do poniedziałku 30 listopada. Odpowiem w dniu mojego powrotu."),
    ("ru", "Я в отпуске до понедельника, 30 ноября. Отвечу в день возвращения."),
])
def test_an_out_of_office_answer_pointing_back_to_its_day_passes(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert not result.findings and not result.errors


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We will reply in turn. Jobs are done within 3 working days of accepting the quote."),
    ("es", "Le responderemos por orden de llegada. Los trabajos se hacen en 3 días desde la aceptación del presupuesto."),
    ("de", "Wir melden uns der Reihe nach. Aufträge fertigen wir innerhalb von 3 Tagen nach Annahme des Angebots."),
    ("pl", "Odpowiemy w kolejności zgłoszeń. Tłumaczenia wykonujemy w ciągu 3 dni roboczych od akceptacji wyceny."),
    ("ru", "Ответим в порядке очереди. Работы выполняем в течение 3 дней после согласования сметы."),
])
def test_a_quote_that_only_starts_a_job_time_is_no_answer(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert rule_ids(result) == {"acknowledgment-deadline"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A technician will call you by the end of the next working day."),
    ("en", "We will reply by close of business."),
    ("es", "Un técnico le llamará por teléfono antes de que termine el siguiente día laborable."),
    ("es", "Le responderemos el siguiente día hábil."),
    ("de", "Ein Techniker ruft Sie bis Ende des nächsten Werktags an."),
    ("de", "Wir melden uns bis zum Ende des folgenden Arbeitstages."),
    ("pl", "Technik zadzwoni do Pana do końca następnego dnia roboczego."),
    ("ru", "Мастер перезвонит вам до конца следующего рабочего дня."),
    # A contact word that promises is still an answer.
    ("es", "Nuestro centro de contacto le devolverá la llamada en un plazo de 24 horas."),
    ("es", "Su persona de contacto le dará una solución en un plazo de 48 horas."),
    ("ru", "Менеджер будет на связи с вами в течение 2 часов."),
    ("en", "We can't always answer the phone, but we will reply to your email within 24 hours."),
    ("es", "No siempre podemos atender el teléfono, pero le contestaremos por correo en 24 horas."),
    ("ru", "Мы не всегда успеваем ответить сразу, но ответим в течение 24 часов."),
    ("en", "We are not always online, but respond within 24 hours."),
    ("en", "We can't always answer, but reply within 24 hours."),
    ("es", "No siempre estamos disponibles, pero respondemos en 24 horas."),
    ("de", "Wir sind nicht immer erreichbar, antworten aber innerhalb von 24 Stunden."),
    ("de", "Wir können nicht immer sofort antworten, melden uns aber innerhalb von 24 Stunden."),
    ("pl", "Nie zawsze odbieramy telefon, ale odpowiadamy w ciągu 24 godzin."),
    ("ru", "Мы не всегда на месте, но ответим в течение 24 часов."),
    ("de", "Ein Techniker ruft innerhalb von 24 Stunden bei Ihnen an."),
    ("de", "Frau Weber ruft Ihr Büro innerhalb von 24 Stunden an."),
    ("ru", "Ваш менеджер будет на связи по телефону в течение 2 часов."),
])
def test_the_end_of_the_next_working_day_is_a_deadline(check_text: Any, lang: str, text: str) -> None:
    assert rule_ids(_acknowledgment(check_text, text, lang)) == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "You will have our quote within 2 working days."),
    ("es", "Le enviaremos el presupuesto en un plazo de 2 días."),
    ("de", "Ihr Angebot erhalten Sie innerhalb von 2 Tagen."),
    ("pl", "Wycenę prześlemy w ciągu 2 dni roboczych."),
    ("ru", "Смету пришлём в течение 2 дней."),
    ("ru", "Предварительную стоимость ремонта мастер пришлёт вам в течение двух рабочих дней."),  # blind25 ru a07
    ("en", "You will have our estimate for the repair within 2 working days."),
    ("de", "Ich beantworte alle Anfragen innerhalb einer Woche."),
    # A starting point before the promised quote does not excuse the quote itself.
    ("pl", "Po przyjęciu zgłoszenia wycenę wyślemy w ciągu 24 godzin."),
    ("ru", "После подтверждения заявки смету пришлём в течение 2 дней."),
    ("es", "Tras la confirmación telefónica, el presupuesto le llegará en 48 horas."),
    ("en", "You will receive a copy of the quote approved by our engineer within 3 working days."),
    ("de", "Sie erhalten nach Eingang ein Angebot innerhalb von 2 Werktagen."),
    # A holiday out-of-office whose dates span two months names its return day.
    ("de", "Ich bin vom 18. Dezember bis 5. Januar im Urlaub. Ich antworte Ihnen nach meiner Rückkehr."),
    ("pl", "Jestem na urlopie od 18 grudnia do 5 stycznia. Odpowiem po powrocie."),
    ("ru", "Я в отпуске с 18 декабря по 5 января. Отвечу после возвращения."),
    ("es", "Estoy de vacaciones desde el 18 de diciembre hasta el 5 de enero. Le responderé a mi regreso."),
    ("en", "I'm away until Monday 30 November. I will reply to your message the day I am back."),
    ("es", "Estoy fuera hasta el lunes 30 de noviembre. Le contestaré el día que vuelva."),
])
def test_the_quote_asked_for_and_a_unit_without_a_number_are_deadlines(check_text: Any, lang: str, text: str) -> None:
    result = _acknowledgment(check_text, text, lang)
    assert not result.findings and not result.errors


def test_answer_lexicon_none_counts_any_deadline_and_a_misspelt_one_is_named(check_text: Any) -> None:
    text = "---\nkind: autoreply\nlang: en\n---\nOrders are packed within 2 working days.\n"
    loose = check_text(text, select=["acknowledgment-deadline"],
                       rules={"acknowledgment-deadline": {"answer_lexicon": "none"}})
    assert not loose.findings and not loose.errors
    typo = check_text(text, select=["acknowledgment-deadline"],
                      rules={"acknowledgment-deadline": {"answer_lexicon": "answer_wrds"}})
    assert any("unknown lexicon 'answer_wrds'" in error for error in typo.errors), typo.errors


def test_after_hours_is_known_from_the_date_when_business_hours_are_configured(check_text: Any) -> None:
    text = ("From: shop@shop.example\nTo: a@example.org\nSubject: Re: x\nAuto-Submitted: auto-replied\n"
            "Date: Sun, 01 Mar 2026 04:00:00 +0100\n\nThank you for your message, we have received it.\n")
    settings = {"timezone": "Europe/Warsaw", "business_hours": {"weekdays": "09:00-17:00"},
                "select": ["autoreply-business-hours", "acknowledgment-deadline"]}
    result = check_text(text, name="auto.eml", **settings)
    assert rule_ids(result) == {"autoreply-business-hours", "acknowledgment-deadline"}
    after_hours = next(f for f in result.findings if f.rule == "autoreply-business-hours")
    assert "outside business hours" in after_hours.message


def test_mailbox_reply_finds_its_customer_in_the_same_mbox(engine: Any) -> None:
    from mailgate.config import Settings

    results = engine.check_file(FIXTURES / "reply-sla" / "bad" / "late-thread-pl.mbox", Settings({"select": ["reply-sla"]}))
    assert [r.path.rsplit("#", 1)[1] for r in results] == ["1", "2"]
    assert rule_ids(results[1]) == {"reply-sla"} and not results[0].findings


def test_front_matter_in_reply_to_missing_file_is_named(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("---\nkind: reply\nin_reply_to: gone.eml\n---\nHello\n", encoding="utf-8")
    result = run_cli("check", tmp_path / "draft.md", "-f", "json")
    assert result.code == 2 and "gone.eml" in result.json()["results"][0]["errors"][0]


LATE = "received_at: 2026-03-02T09:00:00Z\ndrafted_at: 2026-03-05T09:00:00Z"


@pytest.mark.parametrize(("lang", "body", "fires"), [
    ("en", "Hello Ms Carter,\n\nI'm sorry to hear that your parcel arrived damaged. A new one ships today.", True),
    ("en", "Hello Ms Carter,\n\nsorry for the slow reply. A new one ships today.", False),
    ("de", "Guten Tag Frau Huber,\n\nes tut uns aufrichtig leid, dass Sie warten mussten.", False),
    ("de", "Guten Tag Frau Huber,\n\nes tut mir leid zu hören, dass der Kocher defekt ist.", True),
    ("pl", "Szanowna Pani,\n\nodpowiedź przyszła później, niż powinna – prosimy o wyrozumiałość.", False),
    ("pl", "Dzień dobry,\n\nprzykro mi to słyszeć. Nowy czajnik wyślemy jutro.", True),
    ("es", "Buenas tardes, don Anselmo:\n\nSiento mucho el disgusto que se llevó al abrir las cajas. Hoy le mandamos "
           "seis latas nuevas.", True),
    ("es", "Buenas tardes, don Anselmo:\n\nSiento mucho el disgusto y la espera: su correo se nos traspapeló.", False),
    ("es", "Hola:\n\nSiento mucho el disgusto que le ha causado nuestra tardanza en contestarle.", False),
    ("es", "Hola:\n\nLamentamos el susto que le dimos al no responder en una semana.", False),
    ("es", "Hola:\n\nSiento mucho el disgusto, la espera y las molestias.", False),
    ("es", "Hola:\n\nLamento lo de su correo: se nos traspapeló y no le contestamos hasta hoy.", False),
    ("es", "Hola, Marta:\n\nSiento mucho lo de tu oído; espero que ya estés mejor.", True),
    ("es", "Hola, Julián, ¿cómo andás?\n\nPerdoná la demora en contestarte: estuve en Rosario.", False),  # voseo
    # Guilt owed to the reader is an apology (corpus_blind22 ru r09); blaming the reader or denying guilt is not.
    ("ru", "Здравствуйте, Марина!\n\nВиноваты перед вами: ответ затянулся на целую неделю.", False),
    ("ru", "Здравствуйте, Марина!\n\nМы очень виноваты перед вами: письмо потерялось в почте.", False),
    ("ru", "Здравствуйте, Марина!\n\nМы виноваты: письмо потерялось в почте.", False),
    ("ru", "Здравствуйте, Марина!\n\nЭто я виновата: письмо осталось у меня в черновиках.", False),
    ("ru", "Здравствуйте, Марина!\n\nМы очень сильно виноваты перед вами: письмо потерялось.", False),
    ("ru", "Здравствуйте, Марина!\n\nОтвет затянулся - виноваты перед вами, письмо потерялось.", False),
    ("ru", "Здравствуйте, Марина!\n\n- Виноваты перед вами: ответ затянулся на неделю.", False),
    ("ru", "Здравствуйте, Марина!\n\nЯ не виновата: так работает склад.", True),
    ("ru", "Здравствуйте, Марина!\n\nКак вы понимаете, виноват перед вами курьер: посылка лежала на складе.", True),
    ("ru", "Здравствуйте, Марина!\n\nВиновата перед вами служба доставки, а не мы: посылка лежала на складе.", True),
    ("ru", "Здравствуйте, Марина!\n\nМы не виноваты: письмо потерялось в почте.", True),
    ("ru", "Здравствуйте, Марина!\n\nВы сами виноваты перед курьером: посылку никто не забрал.", True),
    ("ru", "Здравствуйте!\n\nВы пишете, что мы виноваты в задержке, но посылку три дня держала служба доставки.", True),
    ("ru", "Здравствуйте!\n\nПоверьте, не я виновата в задержке: так работает склад.", True),
    ("ru", "Здравствуйте!\n\nСлужба доставки виновата перед вами, а не мы: посылка лежала на складе.", True),
])
def test_sympathy_is_no_apology_for_the_wait(check_text: Any, lang: str, body: str, fires: bool) -> None:
    result = check_text(f"---\nkind: reply\nlang: {lang}\n{LATE}\n---\n{body}\n", select=["late-reply-apology"])
    assert ("late-reply-apology" in rule_ids(result)) is fires
