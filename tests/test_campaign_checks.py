"""Campaign-compliance checks beyond the fixtures: every listed ESP tag, postal formats, header problems."""

from __future__ import annotations

from typing import Any

import pytest

from mailgate.builtin import rules_root
from mailgate.checks.linkwords import dead_href, normalise_tag
from mailgate.yamlio import load_yaml_file

LEXICONS = rules_root() / "lexicons"


def _tags(name: str) -> list[str]:
    return list(load_yaml_file(LEXICONS / "any" / f"{name}.yaml")["entries"])


def _campaign(body: str, lang: str = "en") -> str:
    return f"---\nsubject: News for April\nkind: campaign\nlang: {lang}\n---\n<html><body><p>Hello,</p>{body}</body></html>\n"


def _findings(check_text: Any, text: str, rule: str, name: str = "t.html") -> list[Any]:
    result = check_text(text, name, select=[rule])
    assert not result.errors, result.errors
    return [f for f in result.findings if f.rule == rule]


@pytest.mark.parametrize(("rule", "tag"), [*(("unsubscribe-link", t) for t in _tags("esp_unsubscribe_tags")),
                                           *(("preference-center-link", t) for t in _tags("esp_preference_tags"))])
def test_every_listed_merge_tag_counts_in_an_href(rule: str, tag: str, check_text: Any) -> None:
    quote = "'" if '"' in tag or "<%" in tag else '"'
    html = _campaign(f"<p><a href={quote}{tag}{quote}>Click</a></p>")
    assert not _findings(check_text, html, rule)


@pytest.mark.parametrize(("written", "listed"), [
    ("{{ unsubscribe_url }}", "{{unsubscribe_url}}"),
    ("{{{ unsubscribe }}}", "{{unsubscribe}}"),
    ("{{ UnsubscribeURL }}", "{{unsubscribeurl}}"),
    ("{{ unsubscribe_url | default: '' }}", "{{unsubscribe_url}}"),
    ("%7B%7Bunsubscribe_url%7D%7D", "{{unsubscribe_url}}"),
])
def test_tags_are_matched_whatever_the_spacing_case_or_filters(written: str, listed: str) -> None:
    assert listed in normalise_tag(written)


@pytest.mark.parametrize("href", ["", "#", " # ", "#footer", "javascript:void(0)", "about:blank"])
def test_hrefs_that_lead_nowhere(href: str) -> None:
    assert dead_href(href)


def test_a_neighbouring_links_words_do_not_make_a_link_an_unsubscribe_link(check_text: Any) -> None:
    html = _campaign('<p>Tired of us? <a href="#">Unsubscribe</a> or <a href="https://shop.example/">visit the shop</a>.</p>')
    assert _findings(check_text, html, "unsubscribe-link")
    html = _campaign('<p>To stop receiving these emails, <a href="https://shop.example/u/1">click here</a>.</p>')
    assert not _findings(check_text, html, "unsubscribe-link")


@pytest.mark.parametrize("text", ["Rezygnuję z subskrypcji", "Rezygnuj z subskrypcji"])
def test_a_polish_first_person_or_imperative_opt_out_is_an_unsubscribe_link(text: str, check_text: Any) -> None:
    html = _campaign(f'<p>Otrzymujesz ten newsletter, bo się zapisałaś. <a href="https://skora.example/rezygnacja?k=3f">{text}</a></p>',
                     "pl")
    assert not _findings(check_text, html, "unsubscribe-link")


def test_a_polish_retention_link_is_no_unsubscribe_link(check_text: Any) -> None:
    html = _campaign('<p><a href="https://sklep.example/rabat?k=3f">Nie rezygnuj z newslettera – odbierz 20% rabatu</a></p>',
                     "pl")
    assert _findings(check_text, html, "unsubscribe-link")


def test_the_sentence_around_a_link_is_the_visible_one_not_a_hidden_twin(check_text: Any) -> None:
    """A hidden block saying "to stop receiving … click here" does not make the visible "click here",
    with the same href, an unsubscribe link: readers only see the visible one's sentence."""
    hidden = '<div style="display:none"><p>To stop receiving these emails, <a href="https://shop.example/x">click here</a>.</p></div>'
    visible = '<p>Our new spring collection is out: <a href="https://shop.example/x">click here</a>.</p>'
    assert _findings(check_text, _campaign(hidden + visible), "unsubscribe-link")
    assert not _findings(check_text, _campaign(visible.replace("Our new spring collection is out", "To stop receiving these emails")),
                         "unsubscribe-link")


@pytest.mark.parametrize(("lang", "sentence", "site"), [
    ("en", "You can unsubscribe on our website", "shop.example"),
    ("es", "Puede darse de baja en nuestra web", "tienda.example"),
    ("de", "Abmelden können Sie sich auf unserer Website", "laden.example"),
    ("pl", "Z newslettera możesz się wypisać na naszej stronie", "sklep.example"),
    ("ru", "Отписаться от наших писем можно на сайте", "gribnaya-tropa.example"),
])
def test_an_unsubscribe_sentence_linking_only_the_home_page_is_no_way_out(
        lang: str, sentence: str, site: str, check_text: Any) -> None:
    for home_href in (f"https://{site}/", f"https://{site}/?utm_source=newsletter&UTM_Medium=email&mc_cid=4f2a"):
        home = _campaign(f'<p>{sentence} <a href="{home_href}">{site}</a>.</p>', lang)
        findings = _findings(check_text, home, "unsubscribe-link")
        assert findings and "leads only to the home page" in findings[0].message, home_href
    page = _campaign(f'<p>{sentence} <a href="https://{site}/newsletter/stop?id=7">{site}</a>.</p>', lang)
    assert not _findings(check_text, page, "unsubscribe-link")


@pytest.mark.parametrize("href", ["https://app.shop.example/#/unsubscribe?token=8f2c", "https://shop.example#unsubscribe",
                                  "https://unsubscribe.shop.example/", "https://shop.example/?u=8f2c",
                                  "https://shop.example/?utm_source=news&u=8f2c",
                                  "https://shop.example/?utm_source=news;u=8f2c", "https://shop.example/?pk_subscriber=8f2c"])
def test_an_in_app_route_a_query_or_a_telling_host_is_a_page_of_its_own(href: str, check_text: Any) -> None:
    assert not _findings(check_text, _campaign(f'<p><a href="{href}">Unsubscribe</a></p>'), "unsubscribe-link")


@pytest.mark.parametrize(("lang", "footer"), [
    ("en", "Garden Shop Ltd, 12 Orchard Lane, Bristol BS1 4DJ"),
    ("en", "Acme Inc., 1600 Market Street, Suite 300, San Francisco, CA 94103"),
    ("en", "Acme Inc., PO Box 1234, Portland, OR 97208"),
    ("es", "Tienda Verde S.L., Avda. de la Constitución 12, 41001 Sevilla"),
    ("es", "Tienda Verde S.L., Calle de Alcalá 48, 28014 Madrid"),
    ("de", "Werkstatt GmbH, Hauptstraße 12a, 10115 Berlin"),
    ("de", "Alpen GmbH, Mariahilfer Str. 45, 1060 Wien"),
    ("pl", "Forma Sp. z o.o., al. Jerozolimskie 65/79, 00-697 Warszawa"),
    ("ru", "ООО «Сад», 190000, г. Санкт-Петербург, Невский пр., д. 28"),
])
def test_postal_addresses_of_five_languages_are_recognised(lang: str, footer: str, check_text: Any) -> None:
    assert not _findings(check_text, _campaign(f"<p>{footer}</p>", lang), "physical-address")


@pytest.mark.parametrize(("lang", "footer"), [
    ("en", "Garden Shop, Bristol. Since 1998."),
    ("en", "Order 12345 Shipped to Main Street"),
    ("de", "Wir haben 12 Standorte in 50667 Köln und Umgebung."),
    ("pl", "Zadzwoń: 22 123 45 67, Warszawa"),
    ("ru", "Москва, телефон 123456"),
])
def test_things_that_are_not_postal_addresses(lang: str, footer: str, check_text: Any) -> None:
    assert _findings(check_text, _campaign(f"<p>{footer}</p>", lang), "physical-address")


def _eml(headers: str) -> str:
    return ("From: Shop <news@shop.example>\nTo: a@example.org\nSubject: News for April\nPrecedence: bulk\n" + headers +
            "Content-Type: text/plain; charset=utf-8\n\nHello, news for April.\n")


@pytest.mark.parametrize(("headers", "expected"), [
    ("", "the List-Unsubscribe header is missing"),
    ("List-Unsubscribe: <https://shop.example/u/1>\n", "List-Unsubscribe-Post: List-Unsubscribe=One-Click” is missing"),
    ("List-Unsubscribe: <https://shop.example/u/1>\nList-Unsubscribe-Post: yes\n", "must be exactly"),
    ("List-Unsubscribe: <ftp://shop.example/u/1>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n",
     "neither https nor mailto"),
    ("List-Unsubscribe: <mailto:>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n", "no valid address"),
    ("List-Unsubscribe: <https://shop.example/u/1>\nList-Unsubscribe: <https://shop.example/u/2>\n"
     "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n", "appears 2 times"),
])
def test_list_unsubscribe_findings_say_what_is_wrong(headers: str, expected: str, check_text: Any) -> None:
    messages = [f.message for f in _findings(check_text, _eml(headers), "list-unsubscribe-header", "m.eml")]
    assert any(expected in m for m in messages), messages


def test_a_configured_lexicon_that_does_not_exist_is_an_error_not_a_pass(check_text: Any) -> None:
    result = check_text(_campaign("<p>Shop Ltd, 12 Orchard Lane, Bristol BS1 4DJ</p>"), "t.html",
                        select=["physical-address"], rules={"physical-address": {"streets": "no_such_list"}})
    assert any("unknown lexicon 'no_such_list'" in error for error in result.errors), result.errors


def test_legal_rules_cannot_be_switched_off_inline(check_text: Any) -> None:
    html = _campaign("<!-- mailgate: disable=unsubscribe-link,physical-address --><p>No footer at all.</p>")
    result = check_text(html, "t.html", select=["unsubscribe-link", "physical-address"])
    assert {f.rule for f in result.findings} >= {"unsubscribe-link", "physical-address"}
