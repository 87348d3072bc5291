"""Visible text of HTML email: what a reader sees, not preheader tricks, CSS or hidden blocks."""

from __future__ import annotations

import pytest

from mailgate.text.html import build_view, parse_html


def view(html: str):
    return build_view(parse_html(html))


@pytest.mark.parametrize("hidden", [
    '<div style="display:none">Hidden preheader</div>',
    '<span style="display: none !important; mso-hide: all">Hidden preheader</span>',
    '<div style="max-height:0;overflow:hidden">Hidden preheader</div>',
    '<span style="font-size:1px;color:#ffffff;line-height:1px">Hidden preheader</span>',
    '<span style="font-size:0">Hidden preheader</span>',
    '<div style="opacity:0">Hidden preheader</div>',
    '<div style="width:0;max-width:0;overflow:hidden">Hidden preheader</div>',
    '<div hidden>Hidden preheader</div>',
    '<span class="preheader">Hidden preheader</span>',
    '<span id="pre">Hidden preheader</span>',
])
def test_hidden_text_is_not_visible(hidden: str) -> None:
    html = (f"<html><head><style>.preheader, #pre {{ display: none; }} p {{ color: #333 }}</style></head>"
            f"<body>{hidden}<p>Hallo Anna,</p><p>die Saison beginnt.</p></body></html>")
    result = view(html)
    assert "Hidden preheader" not in result.visible_text
    assert "Hidden preheader" in result.hidden_text
    assert result.visible_text.split() == ["Hallo", "Anna,", "die", "Saison", "beginnt."]


def test_css_is_not_text_and_media_queries_do_not_hide() -> None:
    html = ("<html><head><style>@media (max-width:600px) { .desktop { display:none } } .x{color:red}</style></head>"
            "<body><p class='desktop'>Здравствуйте, Анна!</p><p style='font-size:14px'>Заказ отправлен.</p></body></html>")
    result = view(html)
    assert "color" not in result.visible_text and "@media" not in result.visible_text
    assert "Здравствуйте, Анна!" in result.visible_text
    assert "Заказ отправлен." in result.visible_text


def test_html_lang_and_image_alt() -> None:
    result = view('<html lang="pl-PL"><body><img src="logo.png" alt="Sklep Ogrodowy"><p>Dzień dobry</p></body></html>')
    assert result.lang == "pl-PL"
    assert result.visible_text.startswith("Sklep Ogrodowy")


def test_a_link_that_is_only_a_picture_says_its_alt_text() -> None:
    result = view('<p><a href="https://x.example/u"><img src="b.png" alt="Unsubscribe"></a> '
                  '<a href="https://x.example/s">Shop <img src="i.png" alt="logo"></a> '
                  '<a href="https://x.example/u2"><img src="b.png" alt="Abmelden"> &rsaquo;</a></p>')
    assert [link.text for link in result.links] == ["Unsubscribe", "Shop", "Abmelden"]


def test_an_image_only_link_keeps_its_sentence_as_context(check_text) -> None:
    html = ("<html lang='en'><body><p>Hello Anna,</p><p>Our offer.</p><p>Best wishes,<br>Shop</p>"
            "<p>To stop receiving these emails, <a href='https://shop.example/u?id=1'><img src='b.png' alt='click'></a>.</p>"
            "</body></html>")
    assert not check_text(html, name="news.html", select=["unsubscribe-link"]).findings


def test_a_line_break_inside_an_end_tag_keeps_the_lines_below() -> None:
    root = parse_html("<p>a</p></body\n></html>\n<p>b</p>")
    assert [p.sourceline for p in root.iter("p")] == [1, 3]
