"""Property-based tests: whatever bytes arrive, loading and checking end in findings or a clear error.

The path is the one `mailgate check` runs (load_bytes, then Engine.check_message on every
message); a rule that raises is recorded by the engine as a file error, so "no errors" is
the property, not merely "no exception". Example counts stay modest so the suite stays fast;
tests/fuzz/fuzz_loader.py explores further with coverage guidance.
"""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mailgate.addresses import normalise_address, normalise_domain
from mailgate.config import Settings
from mailgate.errors import MailgateError
from mailgate.load import load_bytes

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER_NAMES = ["From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Language",
                "Content-Disposition", "List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted", "Precedence"]
HEADER_PIECES = ["=?utf-8?B?", "=?utf-8?q?", "=?koi8-r?Q?", "=?x-unknown?b?", "?=", "=E9", "=?", "<", ">", "@", '"',
                 ",", ";", "(", ")", "\\", "multipart/mixed", "boundary=", "charset=", "text/html", "base64",
                 "quoted-printable", " ", "\t", "\r\n ", "ä", "Ж", "ł", "\x00"]
FORMATS = ["x.eml", "x.html", "x.txt", "x.md", "x"]


def check_bytes(engine, data: bytes, name: str) -> list:
    """What `mailgate check` does with one file's bytes; returns the per-message results."""
    try:
        messages = load_bytes(data, name)
    except MailgateError as exc:
        assert str(exc).startswith(name), "a load error names the file"
        return []
    results = [engine.check_message(message, Settings()) for message in messages]
    for result in results:
        # A clear input error (a front-matter date that is not a date) is fine; a check that raised is not.
        assert not [e for e in result.errors if "raised" in e or "internal error" in e], result.errors
        assert all(e.startswith(name) for e in result.errors), result.errors
    return results


header_value = st.lists(st.one_of(st.sampled_from(HEADER_PIECES), st.text(max_size=12)), max_size=12).map("".join)
header_block = st.lists(st.tuples(st.sampled_from(HEADER_NAMES), header_value), min_size=2, max_size=10)


@st.composite
def mail_bytes(draw) -> bytes:
    lines = [f"{name}: {value}" for name, value in draw(header_block)]
    body = draw(st.lists(st.one_of(st.sampled_from(["--b", "--b--", "Content-Type: text/plain; charset=latin-1",
                                                    "Content-Transfer-Encoding: base64", "<p>Hola", "</div>", ""]),
                                   st.text(max_size=40)), max_size=15))
    text = "\r\n".join(lines) + "\r\n\r\n" + "\r\n".join(body)
    return text.encode("utf-8", "surrogateescape") + draw(st.binary(max_size=40))


@FAST
@given(data=st.binary(max_size=3000), name=st.sampled_from(FORMATS))
def test_any_bytes_load_and_check_without_error(engine, data: bytes, name: str) -> None:
    check_bytes(engine, data, name)


@FAST
@given(data=mail_bytes(), name=st.sampled_from(["m.eml", "m"]))
def test_mail_like_bytes_with_hostile_headers(engine, data: bytes, name: str) -> None:
    check_bytes(engine, data, name)


yaml_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                        st.dates().map(str))
yaml_value = st.recursive(yaml_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                               st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                          max_leaves=12)
FIELDS = ["subject", "from", "reply_to", "to", "cc", "kind", "lang", "in_reply_to", "received_at", "drafted_at",
          "reviewed_by", "preheader", "Reply-To", "language"]


@FAST
@given(fields=st.dictionaries(st.sampled_from(FIELDS), yaml_value, max_size=8),
       body=st.sampled_from(["Hello Anna,\nthanks.\n", "<p>Hola Ana</p>", "", "Привет!\n\n-- \nИван"]),
       name=st.sampled_from(["t.md", "t.html", "t.txt"]))
def test_front_matter_of_any_shape(engine, fields: dict, body: str, name: str) -> None:
    front = yaml.safe_dump(fields, allow_unicode=True)
    check_bytes(engine, f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass"), name)


@FAST
@given(raw=st.text(alphabet=string.printable + "ąжé&*!|>-:[]{}'\"", max_size=200))
def test_front_matter_of_any_text(engine, raw: str) -> None:
    check_bytes(engine, f"---\n{raw}\n---\nHello Anna,\n".encode(), "t.md")


addresses = st.one_of(
    st.text(max_size=40),
    st.builds(lambda local, domain: f" <{local}@{domain}.> ", st.text(max_size=10),
              st.sampled_from(["Bücher.DE", "xn--bcher-kva.de", "ПРИМЕР.рф", "example.com", "", "..", "a..b", "-x-.pl"])),
)


@settings(max_examples=400, deadline=None)
@given(address=addresses)
@example(" <\r<@Bücher.DE.> ")  # found by hypothesis: '<' left at the edge after one pass
def test_address_normalisation_is_idempotent(address: str) -> None:
    once = normalise_address(address)
    assert normalise_address(once) == once


@settings(max_examples=400, deadline=None)
@given(domain=st.text(max_size=30))
@example("0\x85.")  # found by hypothesis: NEL is whitespace, stripped only on the second pass
def test_domain_normalisation_is_idempotent(domain: str) -> None:
    once = normalise_domain(domain)
    assume(once is not None)
    assert normalise_domain(once) == once
