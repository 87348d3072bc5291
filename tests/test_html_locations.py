"""Findings on HTML links and images point at the line of the checked file, not a line inside
the decoded HTML part: below the mail headers and the text/plain part of an .eml, below a
template's front matter, per message of an mbox. A quoted-printable or base64 part's decoded
lines are not the file's, so its findings keep the line inside the decoded part (docs say so)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailgate.config import Settings

HEADERS = ("From: Shop <news@shop.example>\nTo: anna@example.org\nSubject: Offer\nMessage-ID: <m1@shop.example>\n"
           "MIME-Version: 1.0\n")
HTML = ('<html><body>\n<p>Hello Anna,</p>\n<p>Our spring offer.</p>\n<img src="https://cdn.shop.example/spring.png">\n'
        '<a href="https://bit.ly/spring">bit.ly/spring</a>\n</body></html>\n')
SELECT = ["image-alt", "link-shortener"]


def _multipart(html: str, encoding: str = "7bit") -> str:
    return (HEADERS + 'Content-Type: multipart/alternative; boundary="b"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n'
            "Hello Anna,\nOur spring offer.\n--b\nContent-Type: text/html; charset=utf-8\n"
            f"Content-Transfer-Encoding: {encoding}\n\n{html}--b--\n")


def _lines(result: Any) -> dict[str, int]:
    return {finding.rule: finding.line for finding in result.findings}


def _line_holding(source: str, text: str) -> int:
    return next(number for number, line in enumerate(source.split("\n"), 1) if text in line)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_multipart_html_findings_point_at_the_file_line(newline: str, check_text: Any) -> None:
    source = _multipart(HTML).replace("\n", newline)
    lines = _lines(check_text(source, name="offer.eml", select=SELECT))
    assert lines == {"image-alt": _line_holding(source, "<img"), "link-shortener": _line_holding(source, "bit.ly")}
    assert lines["image-alt"] > HTML.count("\n")  # not the line inside the part


def test_single_part_html_message(check_text: Any) -> None:
    source = HEADERS + "Content-Type: text/html; charset=utf-8\n\n" + HTML
    assert _lines(check_text(source, name="offer.eml", select=SELECT)) == {
        "image-alt": _line_holding(source, "<img"), "link-shortener": _line_holding(source, "bit.ly")}


def test_template_findings_count_the_front_matter(check_text: Any) -> None:
    source = "---\nsubject: Spring offer\nkind: campaign\n---\n" + HTML
    assert _lines(check_text(source, name="offer.md", select=SELECT))["image-alt"] == _line_holding(source, "<img")


def test_a_second_html_part_is_found_after_the_first(check_text: Any) -> None:
    first = '<div>\n<p>Hello Anna,</p>\n<img src="https://cdn.shop.example/spring.png">\n</div>\n'
    second = '<p>Terms</p>\n<img src="https://cdn.shop.example/terms.png">\n'
    source = (HEADERS + 'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/html; charset=utf-8\n\n'
              + first + "--m\nContent-Type: text/plain; charset=utf-8\n\nSee the terms below.\n"
              "--m\nContent-Type: text/html; charset=utf-8\n\n" + second + "--m--\n")
    lines = sorted(f.line for f in check_text(source, name="offer.eml", select=["image-alt"]).findings)
    assert lines == [_line_holding(source, "spring.png"), _line_holding(source, "terms.png")]


def test_a_second_html_part_after_a_whole_document_is_still_read(check_text: Any) -> None:
    """libxml2 drops what follows </html>; a browser does not, and neither may the checks."""
    first = '<!DOCTYPE html>\n<html><body>\n<p>Hello Anna,</p>\n<img src="https://cdn.shop.example/spring.png">\n</body></html>\n'
    second = ('<!DOCTYPE html>\n<html><head><title>Terms</title></head><body>\n<img src="https://cdn.shop.example/terms.png">\n'
              '<p><a href="https://shop.example/unsubscribe">Unsubscribe</a></p>\n</body></html>\n')
    source = (HEADERS + 'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/html; charset=utf-8\n\n'
              + first + "--m\nContent-Type: text/html; charset=utf-8\n\n" + second + "--m--\n")
    result = check_text(source, name="offer.eml", select=["image-alt", "unsubscribe-link"])
    assert sorted(f.line for f in result.findings) == [_line_holding(source, "spring.png"), _line_holding(source, "terms.png")]


def test_quoted_printable_part_keeps_the_line_inside_the_decoded_part(check_text: Any) -> None:
    encoded = HTML.replace("=", "=3D")
    source = _multipart(encoded, "quoted-printable")
    assert _lines(check_text(source, name="offer.eml", select=SELECT)) == {
        "image-alt": _line_holding(HTML, "<img"), "link-shortener": _line_holding(HTML, "bit.ly")}


def test_each_message_of_an_mbox_points_at_its_own_lines(engine: Any, tmp_path: Path) -> None:
    message = _multipart(HTML)
    mbox = tmp_path / "sent.mbox"
    source = "".join(f"From news@shop.example Mon Mar  2 09:00:00 2026\n{message}\n" for _ in range(2))
    mbox.write_text(source, encoding="utf-8")
    results = engine.check_file(mbox, Settings({"select": ["image-alt"]}))
    expected = [number for number, line in enumerate(source.split("\n"), 1) if "<img" in line]
    assert [f.line for r in results for f in r.findings] == expected
