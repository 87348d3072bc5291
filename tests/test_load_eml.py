"""What the .eml loader reads: headers decoded once, parts by type, attachment names readable."""

from __future__ import annotations

from mailgate.load.eml import load_eml

MIXED = (b"From: =?UTF-8?Q?Tienda_=C3=91and=C3=BA?= <hola@tienda.example>\r\nTo: ana@example.com\r\n"
         b"Subject: =?UTF-8?B?T2ZlcnRhIGRlIG90b8Oxbw==?=\r\nX-Campaign: autumn-2026\r\nMIME-Version: 1.0\r\n"
         b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
         b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHola\r\n"
         b'--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="=?UTF-8?B?ZXZpbC5leGU=?="\r\n\r\nAAAA\r\n'
         b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\r\n\r\nAAAA\r\n"
         b"--b--\r\n")


def test_encoded_headers_are_decoded_and_plain_ones_kept() -> None:
    message = load_eml(MIXED, "offer.eml")
    headers = dict(message.headers)
    assert headers["Subject"] == "Oferta de otoño"
    assert headers["From"] == "Tienda Ñandú <hola@tienda.example>"
    assert headers["X-Campaign"] == "autumn-2026"


def test_attachment_names_are_decoded_whichever_way_they_are_encoded() -> None:
    """RFC 2047 words inside filename= (common, if not standard) and RFC 2231 filename*=."""
    assert load_eml(MIXED, "offer.eml").attachments == ["evil.exe", "résumé.pdf"]
    assert load_eml(MIXED, "offer.eml").plain == "Hola"


def test_raw_utf8_attachment_names_and_charset_comments_are_read_as_written() -> None:
    raw = ("From: a@shop.example\r\nTo: b@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
           'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
           "--b\r\nContent-Type: text/plain; charset=utf-8 (comment)\r\n\r\nCześć\r\n"
           '--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="faktura żółta.pdf"\r\n\r\nAAAA\r\n'
           "--b--\r\n").encode()
    message = load_eml(raw, "raw.eml")
    assert message.attachments == ["faktura żółta.pdf"]
    assert message.plain == "Cześć" and not message.defects

