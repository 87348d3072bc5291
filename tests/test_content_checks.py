"""The named checks behind the subject, phone, merge-tag, shouting and recipient rules."""

from __future__ import annotations

from typing import Any

import pytest

from mailgate.checks.merge_tags import normalise_field, template_tokens
from mailgate.checks.phones import find_phone_numbers
from mailgate.checks.shouting import shouted_words
from mailgate.checks.subjects import split_prefixes

PREFIXES = frozenset({"re", "fw", "fwd", "aw", "wg", "odp", "pd", "rv", "ответ", "пересл"})


@pytest.mark.parametrize(("subject", "found", "rest"), [
    ("RE: AW: WG: Lieferung 5531", ["RE", "AW", "WG"], "Lieferung 5531"),
    ("Re[2]: Refund", ["Re"], "Refund"),
    ("Re:Re:Refund", ["Re", "Re"], "Refund"),
    ("Odp.: PD: Reklamacja", ["Odp", "PD"], "Reklamacja"),
    ("Ответ: Пересл: Заказ", ["Ответ", "Пересл"], "Заказ"),
    ("[EXTERNAL] RE: FW: Invoice 42", ["RE", "FW"], "Invoice 42"),
    ("[Newsletter] Spring sale", [], "[Newsletter] Spring sale"),
    ("Newsletter: spring", [], "Newsletter: spring"),
    ("Reminder: your appointment", [], "Reminder: your appointment"),
])
def test_split_prefixes(subject: str, found: list[str], rest: str) -> None:
    assert split_prefixes(subject, PREFIXES) == (found, rest)


@pytest.mark.parametrize(("subject", "generic"), [
    ("Hello", True), ("Newsletter #12", True), ("Hola", True), ("Informacja", True), ("Новости", True),
    ("Wichtig", True), ("Re: Info", True), ("Boletín nº 12", True), ("Важная информация", True), ("Важная информация о доставке", False),
    ("Newsletter March 2026", True), ("Рассылка за март", True), ("Newsletter na marzec 2026", True),
    ("Newsletter #12: new opening hours", False), ("Spring sale on garden tools", False), ("Your order 1042", False), ("Wichtige Frage zur Rechnung", False),
])
def test_subject_generic(subject: str, generic: bool, check_text: Any) -> None:
    result = check_text(f"---\nsubject: \"{subject}\"\nkind: campaign\n---\nHello.\n", select=["subject-generic"])
    assert bool(result.findings) is generic, result.findings


@pytest.mark.parametrize(("text", "regions", "expected"), [
    ("Call us on +44 20 7946 0958 (Mon–Fri).", ["GB"], ["+44 20 7946 0958"]),
    ("Telefon 030 1234 5678", ["DE"], ["030 1234 5678"]),
    ("Звоните: 8 (495) 123-45-67", ["RU"], ["8 (495) 123-45-67"]),
    ("proszę dzwonić: 22 123 45 67", ["PL"], ["22 123 45 67"]),
    ("Llámenos al +34 912 345 678", [], ["+34 912 345 678"]),
    ("zamówienie nr 601234567", ["PL"], []),  # a valid mobile number to libphonenumber, but an order number
    ("IBAN DE89 3704 0044 0532 0130 00", ["DE"], []),
    ("Order 1042 from 2026-03-02, total 1.234,56 EUR", ["GB", "DE"], []),
])
def test_find_phone_numbers(text: str, regions: list[str], expected: list[str]) -> None:
    assert find_phone_numbers(text, regions) == expected


@pytest.mark.parametrize(("name", "field"), [
    ("first_name", "firstname"), ("contact.first_name", "firstname"), ("user['FirstName']", "firstname"),
    ("FNAME", "fname"), ("recipient.imię", "imię"),
])
def test_normalise_field(name: str, field: str) -> None:
    assert normalise_field(name) == field


@pytest.mark.parametrize(("source", "field", "has_default"), [
    ("{{ first_name }}", "firstname", False),
    ("{{- first_name -}}", "firstname", False),
    ("{{{ first_name }}}", "firstname", False),
    ('{{ first_name | default("there") }}', "firstname", True),
    ('{{ name | default: "friend" }}', "name", True),
    ('{{ first_name or "there" }}', "firstname", True),
    ("{{ user.firstName ?? 'there' }}", "firstname", True),
    ('{{insert first_name "default=there"}}', "firstname", True),
    ("*|FNAME|*", "fname", False),
])
def test_template_tokens(source: str, field: str, has_default: bool) -> None:
    [token] = list(template_tokens(source))
    assert (token.field, token.has_default) == (field, has_default)


def test_control_tags_are_not_tokens() -> None:
    assert list(template_tokens("{{#if first_name}}{{else}}{{/if}}*|IF:FNAME|**|END:IF|*{{! note }}")) == []


def test_fallback_guard_covers_only_its_own_field(check_text: Any) -> None:
    text = ("---\nsubject: Offer\nkind: campaign\n---\n"
            "<p>{% if first_name %}Hi {{ first_name }} {{ last_name }}{% endif %}</p>\n")
    result = check_text(text, name="offer.html", select=["merge-tag-fallback"])
    assert [f.message for f in result.findings] == [
        "The personal field {{ last_name }} has no default for contacts without that data."]


@pytest.mark.parametrize(("text", "expected"), [
    ("ONLY TODAY: EVERYTHING MUST GO", ["ONLY", "TODAY", "EVERYTHING", "MUST"]),
    ("ТОЛЬКО СЕГОДНЯ скидка", ["ТОЛЬКО", "СЕГОДНЯ"]),
    ("OSTATNIA SZANSA, ŻÓŁW", ["OSTATNIA", "SZANSA", "ŻÓŁW"]),
    ("NUR HEUTE GROẞE Aktion", ["HEUTE", "GROẞE"]),  # three letters read as an acronym
    ("Versand mit DHL in die EU, Rechnung als PDF, ООО «Сад»", []),
    ("Wir sind TÜV-zertifiziert", []),
])
def test_shouted_words(text: str, expected: list[str]) -> None:
    assert shouted_words(text, 4, frozenset({"tüv", "ооо"})) == expected


def test_recipients_counted_once_and_internal_domains_configurable(check_text: Any) -> None:
    text = ("---\nsubject: Course\nfrom: academy@gardenshop.example\n"
            "to: \"Anna.Brown@Example.org, anna.brown@example.org, ops@partner.example\"\nkind: transactional\n---\nHi.\n")
    assert not check_text(text, select=["recipients-exposed"],
                          rules={"recipients-exposed": {"internal_domains": ["partner.example"]}}).findings
    [finding] = check_text(text, select=["recipients-exposed"]).findings
    assert finding.message.startswith("2 outside parties")


@pytest.mark.parametrize(("recipients", "exposed"), [
    ("anna@customer.example, boss@customer.example", False),  # one customer's colleagues know each other
    ("anna.brown@gmail.com, jan.nowak@gmail.com", True),      # strangers who share a free-mail provider
    ("anna@customer.example, jan@other.example", True),
    ("anna@customer.example, tom@gardenshop.example", False),  # a colleague of the sender
])
def test_recipients_grouped_by_party(recipients: str, exposed: bool, check_text: Any) -> None:
    text = (f"---\nsubject: \"Re: Offer\"\nfrom: tom.baker@gardenshop.example\nto: \"{recipients}\"\nkind: reply\n---\n"
            "Hello,\n")
    assert bool(check_text(text, select=["recipients-exposed"]).findings) is exposed


def test_body_length_thresholds_are_per_kind_and_configurable(check_text: Any) -> None:
    reply = "---\nsubject: \"Re: Order\"\nkind: reply\n---\n" + "Your order ships today. " * 20 + "\n\n-- \nTom Baker\n"
    assert not check_text(reply, select=["body-length"]).findings
    [finding] = check_text(reply, select=["body-length"], rules={"body-length": {"max_words": {"reply": 50}}}).findings
    assert "80 words" in finding.message


@pytest.mark.parametrize(("rule", "sender", "flagged"), [
    *(("no-reply-sender", sender, True) for sender in [
        "noreply@shop.example", "shop-noreply@shop.example", "do_not_reply@shop.example", "nie-odpowiadaj@sklep.example",
        "no.responder@tienda.example", "nicht-antworten@laden.example", "ne-otvechat@magazin.example"]),
    *(("no-reply-sender", sender, False) for sender in [
        "service@shop.example", "reply@shop.example", "nora.nowak@shop.example"]),
    ("free-webmail-sender", "shop@gmail.com", True), ("free-webmail-sender", "sklep@poczta.onet.pl", True),
    ("free-webmail-sender", "a@yandex.ru", True), ("free-webmail-sender", "x@mail.example", False),
])
def test_sender_rules(rule: str, sender: str, flagged: bool, check_text: Any) -> None:
    result = check_text(f"---\nsubject: Order 1042\nfrom: \"{sender}\"\nkind: transactional\n---\nHello.\n",
                        select=[rule])
    assert bool(result.findings) is flagged


def test_unresolved_token_in_plain_alternative_only(check_text: Any) -> None:
    mail = ("From: Shop <news@shop.example>\nTo: anna@example.org\nSubject: Offer\nMessage-ID: <m1@shop.example>\n"
            "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\n"
            "Content-Type: text/plain; charset=utf-8\n\nHello {{ first_name }},\n--b\n"
            "Content-Type: text/html; charset=utf-8\n\n<p>Hello Anna,</p>\n--b--\n")
    [finding] = check_text(mail, name="offer.eml", select=["merge-tag-unresolved"]).findings
    assert "text/plain part" in finding.message and finding.line == 11


def _lexicon(name: str, lang: str) -> list[str]:
    from mailgate.builtin import rules_root
    from mailgate.yamlio import load_yaml_file

    return load_yaml_file(rules_root() / "lexicons" / lang / f"{name}.yaml")["entries"]


def test_free_webmail_list_covers_the_source_countries() -> None:
    from mailgate.addresses import normalise_domain

    domains = _lexicon("free_webmail_domains", "any")
    assert len(domains) == len(set(domains)), "duplicate entries"
    assert all(normalise_domain(d) == d and "." in d for d in domains)
    required = {"gmail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "proton.me", "aol.com",
                "gmx.de", "web.de", "t-online.de", "freenet.de", "wp.pl", "o2.pl", "onet.pl", "interia.pl",
                "mail.ru", "yandex.ru", "rambler.ru", "hotmail.es", "terra.es"}
    assert required <= set(domains)


@pytest.mark.parametrize("name", ["generic_subjects", "company_markers", "subject_prefixes"])
@pytest.mark.parametrize("lang", ["en", "es", "de", "pl", "ru"])
def test_lexicons_exist_in_every_language(name: str, lang: str) -> None:
    assert _lexicon(name, lang)


def test_percent_encoded_links_are_not_tokens(check_text: Any) -> None:
    mail = ("From: Sklep <sklep@sklep.example>\nTo: jan@example.pl\nSubject: Wyprzedaż\nMessage-ID: <w1@sklep.example>\n"
            "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
            "<p>Dzień dobry, <a href=\"https://sklep.example/wyprzeda%C5%BC?q=r%C3%B3%C5%BCe%20pn%C4%85ce\">róże</a>"
            " 50% taniej, 20% na resztę.</p>\n")
    assert not check_text(mail, name="sale.eml", select=["merge-tag-unresolved"]).findings


@pytest.mark.parametrize(("subject", "flagged"), [
    ("¡Rebajas de primavera!", False), ("¡¡Rebajas!!", True), ("Spring sale!", False), ("Spring sale!!", True),
    ("RABATT AUF ALLE ROSEN", True), ("СКИДКА НА ВСЁ", True), ("DHL: Ihre Sendung kommt heute", False),
    ("{{ FIRST_NAME }}, your order shipped", False),
])
def test_subject_shouting(subject: str, flagged: bool, check_text: Any) -> None:
    result = check_text(f"---\nsubject: \"{subject}\"\nkind: campaign\n---\nHello.\n", select=["subject-shouting"])
    assert bool(result.findings) is flagged


CONTENT_RULES = ["subject-shouting", "subject-generic", "subject-reply-chain", "subject-fake-reply", "preheader-missing",
                 "signature-", "contact-phone", "no-reply-sender", "free-webmail-sender", "message-size", "body-length",
                 "sentence-length", "shouting", "merge-tag-", "recipients-exposed"]


def _content_findings(path: str, engine: Any) -> set[str]:
    from pathlib import Path

    from mailgate.config import Settings

    example = Path(__file__).resolve().parents[1] / "examples" / path
    [result] = engine.check_file(example, Settings({"select": CONTENT_RULES}))
    return {f"{f.rule}: {f.message}" for f in result.findings}


@pytest.mark.parametrize("path", ["templates/garden-newsletter.html", "templates/nowosci-maja.pl.html",
                                  "templates/order-shipped.html", "sent/werkstatt-fruehjahr.de.eml"])
def test_clean_examples_pass_the_content_rules(path: str, engine: Any) -> None:
    assert _content_findings(path, engine) == set()


@pytest.mark.parametrize("path", ["templates/spring-sale.html", "templates/wyprzedaz.pl.html"])
def test_failing_examples_fail_the_content_rules(path: str, engine: Any) -> None:
    rules = {finding.split(":")[0] for finding in _content_findings(path, engine)}
    assert {"subject-fake-reply", "subject-shouting", "free-webmail-sender", "merge-tag-fallback", "shouting",
            "contact-phone", "preheader-missing"} <= rules
