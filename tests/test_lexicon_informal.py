"""Greetings open the text; informal and regional greetings, closings, worded opt-outs, dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailgate.lexicon import Lexicons

from conftest import rule_ids


def message(body: str, lang: str, kind: str = "reply", extra: str = "") -> str:
    return f"---\nsubject: 'Hi'\nkind: {kind}\nlang: {lang}\n{extra}---\n{body}\n"


@pytest.mark.parametrize(("lang", "opening"), [
    ("es", "¿Qué onda, banda?"), ("ru", "Здорово, народ!"), ("de", "Servus Sepp,"),
    ("de", "Grüezi Frau Meier"), ("pl", "Siema!"), ("pl", "Cześć wszystkim,"),
    ("en", "G'day Mick,"), ("en", "G’day all,"), ("ru", "Доброй ночи, покорители крыш!"),
    ("ru", "Доброго здоровья, Ярослав!"), ("pl", "Kochani!"), ("ru", "Анна, добрый вечер!"),
    ("de", "Frau Weber, guten Tag,"), ("es", "María, buenos días:"), ("en", "Anna, good morning!"),
    ("en", "Howya Ciarán,"), ("es", "Kaixo, Iñaki:"), ("es", "Bon dia, Marta:"), ("en", "Alright mate,"),
    ("en", "Dia dhuit Siobhán,"), ("es", "Muy estimado padre Anselmo:"), ("ru", "Салям, Рамиль!"), ("ru", "Дорообо, Айаал!"),
    ("en", "Shwmae Siân,"), ("en", "Kia ora Hemi,"), ("ru", "Исәнмесез, Гульнара ханым!"),
    ("de", "Tach zusammen,"), ("pl", "Dziyń dobry, Pani Ireno,"), ("pl", "Dobri dzéń, Pani Grażyno!"),
    ("ru", "Ассаламу алейкум, Рамиль!"), ("ru", "Ас-саляму алейкум, Рамиль!"),
    ("en", "Howzit Lerato,"), ("de", "Moien Herr Weber,"),
])
def test_informal_and_regional_greetings_open_a_message(lang: str, opening: str, check_text: Any) -> None:
    result = check_text(message(f"{opening}\n\nok.\n\nCiao", lang), select=["greeting"])
    assert not rule_ids(result)


@pytest.mark.parametrize(("lang", "last_line"), [
    ("es", "Con cariño le hemos preparado un pedido nuevo que sale mañana por la mañana."),
    ("es", "Cariñosamente envuelto, su pedido nuevo sale mañana."),
    ("ru", "С большим уважением относимся к вашему времени, поэтому ответим завтра утром."),
    ("ru", "С большой благодарностью принимаем ваш отзыв и передаём его мастеру."),
    ("ru", "Всегда ваши вопросы решаем в тот же день"),
])
def test_a_statement_that_opens_with_warm_words_is_no_closing(lang: str, last_line: str, check_text: Any) -> None:
    result = check_text(message(f"Hola:\n\nEl pedido ya está listo.\n\n{last_line}", lang), select=["closing"])
    assert rule_ids(result) == {"closing"}


@pytest.mark.parametrize(("lang", "last_line"), [
    ("en", "Mind yourself on the stairs at the depot, they are slippery after the rain."),
    ("ru", "Берегите себя от мошенников: мы никогда не просим код из СМС."),
    ("ru", "Спокойного вечера не получится: курьер приедет только в 23:00."),
    ("de", "Frohe Weihnachten feiern wir dieses Jahr ohne Betriebsferien, die Werkstatt bleibt offen."),
    ("de", "Mit Grüßen allein ist es nicht getan, deshalb erstatten wir Ihnen die Versandkosten."),
])
def test_a_wish_word_that_opens_a_statement_is_no_closing(lang: str, last_line: str, check_text: Any) -> None:
    result = check_text(message(f"Hi,\n\nthe parcel left today.\n\n{last_line}", lang), select=["closing"])
    assert rule_ids(result) == {"closing"}


def test_alright_as_a_discourse_marker_is_no_greeting(check_text: Any) -> None:
    body = "Alright, I checked your order and it shipped yesterday.\n\nCheers,\nJo"
    assert rule_ids(check_text(message(body, "en"), select=["greeting"])) == {"greeting"}


@pytest.mark.parametrize(("lang", "opening"), [
    ("en", "Anna, the parcel left today."), ("ru", "Анна, посылка ушла сегодня."), ("de", "Frau Weber, das Paket ist unterwegs."),
])
def test_a_name_before_news_is_no_greeting(lang: str, opening: str, check_text: Any) -> None:
    assert rule_ids(check_text(message(f"{opening}\n\nok.\n\nCiao", lang), select=["greeting"])) == {"greeting"}


@pytest.mark.parametrize(("lang", "opening"), [("es", "PEDIDO 4411 ENVIADO\nhola, beatriz:"),
                                               ("pl", "ZAMÓWIENIE 4411 WYSŁANE\ncześć ania,")])
def test_a_lower_case_greeting_below_a_headline_greets(lang: str, opening: str, check_text: Any) -> None:
    assert not rule_ids(check_text(message(f"{opening}\n\nok.\n\nCiao", lang), select=["greeting"]))


def test_the_end_of_a_wrapped_sentence_is_no_greeting(check_text: Any) -> None:
    body = "Your barn owl is back on the bench and I have had a proper look at it this\nafternoon.\n\nRegards,\nJo"
    assert rule_ids(check_text(message(body, "en"), select=["greeting"])) == {"greeting"}


@pytest.mark.parametrize(("lang", "body"), [
    ("es", "Hola, Marta:\n\nYa hemos enviado tu pedido con estos artículos:\n- funda de lino\n- almohada abrazo"),
    ("ru", "Здравствуйте!\n\nЗаказ готов. Мы желаем только добра вам\nи вашей семье, поэтому скидка остаётся."),
])
def test_a_closing_word_inside_a_list_or_a_wrapped_sentence_is_no_goodbye(lang: str, body: str,
                                                                          check_text: Any) -> None:
    assert rule_ids(check_text(message(body, lang), select=["closing"])) == {"closing"}


def test_good_night_after_the_news_says_goodbye_not_hello(check_text: Any) -> None:
    body = "Заказ отправили сегодня утром, трек-номер пришлём отдельным письмом.\n\nДоброй ночи!\nАнна"
    result = check_text(message(body, "ru"), select=["greeting", "closing"])
    assert rule_ids(result) == {"greeting"}


def test_a_greeting_word_inside_a_sentence_is_no_salutation(check_text: Any) -> None:
    body = ("SPRING TERM 2027 — TIMETABLE NOW LIVE\n\nEvening classes start on 11 January: Spanish "
            "for beginners, life drawing and bookkeeping.\n")
    assert rule_ids(check_text(message(body, "en", kind="campaign"), select=["greeting"])) == {"greeting"}


@pytest.mark.parametrize(("lang", "closing"), [
    ("en", "Have a lovely weekend,"), ("es", "Besos,"), ("es", "Un abrazo"), ("de", "Pfiat eich,"),
    ("de", "LG"), ("pl", "Dzięki,"), ("pl", "Trzymajcie się!"), ("ru", "Всем пока!"), ("ru", "Хорошего дня!"),
    ("en", "Ngā mihi,"), ("en", "Ngā mihi nui,"), ("en", "Nga mihi,"),
])
def test_informal_and_regional_closings_end_a_reply(lang: str, closing: str, check_text: Any) -> None:
    result = check_text(message(f"Hi,\n\nthe parcel left today.\n\n{closing}\nMia", lang), select=["closing"])
    assert not rule_ids(result)


@pytest.mark.parametrize(("lang", "closing"), [
    ("pl", "Ciepło pozdrawiamy z Beskidu Niskiego"), ("pl", "Gorąco pozdrawiam znad morza"),
    ("de", "Herzlich grüßt Sie aus dem Allgäu"), ("de", "Es grüßen Sie herzlich"), ("es", "Cariñosamente,"),
    ("ru", "Тепло обнимаем с Алтая"), ("ru", "Сердечно ваш,"), ("en", "Warm wishes from the Dales"),
    ("ru", "С искренним уважением,"), ("ru", "Удачной подготовки к празднику и до связи!"),
    ("ru", "Добра вам и ладу!"), ("es", "Abrazo grande,"), ("es", "Gran abrazo,"), ("ru", "Тепла вам и хорошей зимы!"),
    ("en", "Mind yourself,"), ("pl", "Z ukłonami"), ("ru", "Помощи Божией,"), ("ru", "Сладкого вам дня!"),
    ("ru", "Берегите себя и одевайтесь теплее — на выходных обещают минус тридцать!"),
    ("de", "Eine schöne Adventszeit und viele Grüße aus Nürnberg"), ("de", "Mit fränkischen Grüßen"),
    ("de", "Mit jecken Grüßen und dreimol Kölle Alaaf"), ("de", "Gut Blatt und herzliche Grüße aus Altenburg"),
    ("en", "Le gach dea-ghuí,"),
    # Condolence sign-offs (corpus_blind25 de r05, a funeral home's reply)
    ("de", "In stillem Mitgefühl und mit herzlichen Grüßen"), ("de", "In stiller Anteilnahme"),
    ("en", "With deepest sympathy,"), ("es", "Con nuestro más sentido pésame,"),
    ("pl", "Z wyrazami głębokiego współczucia"), ("ru", "С искренним сочувствием,"),
])
def test_a_warm_word_before_the_goodbye_still_closes_above_a_signature(lang: str, closing: str,
                                                                       check_text: Any) -> None:
    body = f"Hi,\n\nthe parcel left today with all the parts.\n\n{closing}\nAnna Nowak\nAlpaca Farm\ntel. 512 300 844"
    assert not rule_ids(check_text(message(body, lang), select=["closing"]))


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Responderemos antes de las 12:00 del miércoles."),
    ("ru", "Мы ответим до 12:00 понедельника."),
    ("ru", "Офис закрыт, ответим до 11 января."),
    ("de", "Wir melden uns bis 15.3. bei Ihnen."),
    ("pl", "Odpowiemy do 20 marca."),
])
def test_clock_times_and_dates_are_deadlines(lang: str, text: str, check_text: Any) -> None:
    result = check_text(message(text, lang, kind="autoreply"), select=["acknowledgment-deadline"])
    assert not rule_ids(result)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We will answer as soon as possible."),
    ("es", "Le responderemos a la mayor brevedad."),
    ("ru", "Мы ответим в ближайшее время."),
    ("de", "Wir antworten möglichst bald."),
    ("pl", "Odpowiemy jak najszybciej."),
])
def test_as_soon_as_possible_is_no_deadline(lang: str, text: str, check_text: Any) -> None:
    result = check_text(message(text, lang, kind="autoreply"), select=["acknowledgment-deadline"])
    assert rule_ids(result) == {"acknowledgment-deadline"}


@pytest.mark.parametrize(("lang", "wording"), [
    ("en", "Stop receiving these emails"), ("es", "No quiero recibir más correos"),
    ("de", "Keine Werbe-E-Mails mehr erhalten"), ("pl", "Nie chcę otrzymywać wiadomości"),
    ("ru", "Не получать рассылку"), ("ru", "Откажитесь от рассылки"),
])
def test_opt_out_links_in_the_readers_own_words_count(lang: str, wording: str, check_text: Any) -> None:
    html = (f'<html lang="{lang}"><body><p>News.</p>'
            f'<p><a href="https://shop.example/optout?t=1">{wording}</a></p></body></html>')
    result = check_text(message(html, lang, kind="campaign"), name="news.html", select=["unsubscribe-link"])
    assert not rule_ids(result)


def test_a_link_asking_to_subscribe_is_no_unsubscribe_link(check_text: Any) -> None:
    html = ('<html lang="ru"><body><p>Новости.</p><p>Откажитесь от бумажных писем и подпишитесь на электронную '
            'рассылку: <a href="https://shop.example/subscribe?src=paper">подписаться</a>.</p></body></html>')
    result = check_text(message(html, "ru", kind="campaign"), name="news.html", select=["unsubscribe-link"])
    assert rule_ids(result) == {"unsubscribe-link"}


LATE = "received_at: 2026-03-02T09:00:00Z\ndrafted_at: 2026-03-05T09:00:00Z\n"


@pytest.mark.parametrize(("lang", "body"), [
    ("es", "Hola:\n\nlamento mucho saber que el pedido llegó roto. Le enviamos otro hoy."),
    ("de", "Hallo,\n\nes tut mir sehr leid zu hören, dass das Paket beschädigt war. Ersatz ist unterwegs."),
    ("ru", "Здравствуйте!\n\nОчень жаль слышать, что посылка пришла повреждённой. Новая уже в пути."),
])
def test_sympathy_with_an_intensifier_is_no_apology_for_the_wait(lang: str, body: str, check_text: Any) -> None:
    result = check_text(message(body, lang, extra=LATE), select=["late-reply-apology"])
    assert rule_ids(result) == {"late-reply-apology"}


APOLOGY_LEXICONS = Lexicons([Path(__file__).resolve().parents[1] / "rules" / "lexicons"])


def apologises(text: str, lang: str) -> bool:
    apologies = APOLOGY_LEXICONS.matcher("apologies", lang)
    exceptions = APOLOGY_LEXICONS.matcher("apology_exceptions", lang)
    return next(apologies.finditer_outside(text, exceptions), None) is not None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Please forgive the delay in getting back to you."),
    ("en", "Forgive us for the long wait."),
    ("pl", "Bardzo nam przykro, że musieli Państwo tak długo czekać na odpowiedź."),
    ("pl", "Przykro mi, że odpowiedź przychodzi z takim opóźnieniem."),
])
def test_apologies_for_the_wait_are_apologies(lang: str, text: str) -> None:
    assert apologises(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("pl", "Bardzo nam przykro, że kurier zgubił Pani paczkę."),
    ("pl", "Przykro mi, że nowy telefon nie spełnił oczekiwań."),
])
def test_polish_sympathy_that_names_no_wait_is_no_apology_for_lateness(lang: str, text: str) -> None:
    assert not apologises(text, lang)
