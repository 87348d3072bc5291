"""One list of no-reply and robot addresses (rules/lexicons/any/noreply_senders.yaml) serves
no-reply-sender, autoreply-headers and `mailgate inbox`; each still matches everything its
own list matched before the lists were merged, and a configured lexicon folder extends all three."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailgate.builtin import rules_root
from mailgate.inbox.records import robot_senders
from mailgate.lexicon import Lexicons

# What each user matched before: no-reply-sender's own local_parts, autoreply-headers'
# noreply_patterns, and the inbox's ROBOT_SENDERS regex.
FORMER_MATCHES = [
    "noreply@shop.example", "shop-noreply@shop.example", "info.no-reply@shop.example", "do_not_reply@shop.example",
    "donotrespond@shop.example", "dont-answer@shop.example", "nie-odpowiadaj@sklep.example",
    "prosze-nie-odpisywac@sklep.example", "bez.odpowiedzi@sklep.example", "no.responder@tienda.example",
    "no-contestar@tienda.example", "nicht-antworten@laden.example", "keine_antwort@laden.example",
    "ne-otvechat@magazin.example", "net-otveta@magazin.example", "без-ответа@магазин.рф", "не_отвечать@магазин.рф",
    "no-not-reply@shop.example", "mailer-daemon@mx.example", "MAILER-DAEMON@mx.example", "postmaster@mx.example",
    "bounces+anna=example.org@esp.example", "bounce@esp.example", "NoReply@shop.example",
]
NEW_MATCHES = ["no_reply@shop.example", "shop-bounces@esp.example", "mailer_daemon@mx.example"]
PEOPLE = ["service@shop.example", "reply@shop.example", "nora.nowak@shop.example", "bouncer.team@shop.example",
          "postmasters-guild@club.example", "anna@x.example"]


def _shipped() -> Lexicons:
    return Lexicons([rules_root() / "lexicons"])


def _extended(tmp_path: Path) -> Path:
    """A configured lexicon folder adding a house robot address to the shared list."""
    folder = tmp_path / "lexicons" / "any"
    folder.mkdir(parents=True)
    (folder / "noreply_senders.yaml").write_text("name: noreply_senders\nsyntax: re2\nentries:\n  - '^robot-'\n",
                                                 encoding="utf-8")
    return tmp_path / "lexicons"


@pytest.mark.parametrize("address", FORMER_MATCHES + NEW_MATCHES)
def test_inbox_treats_every_listed_sender_as_a_robot(address: str) -> None:
    assert robot_senders(_shipped())(address)


@pytest.mark.parametrize("address", PEOPLE)
def test_inbox_keeps_people_as_people(address: str) -> None:
    assert not robot_senders(_shipped())(address)


def test_inbox_robot_list_is_extended_by_a_configured_lexicon_folder(tmp_path: Path) -> None:
    is_robot = robot_senders(Lexicons([rules_root() / "lexicons", _extended(tmp_path)]))
    assert is_robot("robot-orders@shop.example") and is_robot("noreply@shop.example")
    assert not robot_senders(_shipped())("robot-orders@shop.example")


def _sender_draft(sender: str) -> str:
    return f"---\nsubject: Order 1042\nfrom: \"{sender}\"\nkind: transactional\n---\nHello.\n"


@pytest.mark.parametrize("address", FORMER_MATCHES + NEW_MATCHES)
def test_no_reply_sender_flags_every_listed_sender(address: str, check_text: Any) -> None:
    assert check_text(_sender_draft(address), select=["no-reply-sender"]).findings


@pytest.mark.parametrize("address", PEOPLE)
def test_no_reply_sender_accepts_people(address: str, check_text: Any) -> None:
    assert not check_text(_sender_draft(address), select=["no-reply-sender"]).findings


def _autoreply_to(address: str) -> str:
    return (f"From: Support <support@shop.example>\nTo: {address}\nSubject: Re: Order 1042\n"
            "Auto-Submitted: auto-replied\nMessage-ID: <a1@shop.example>\nDate: Mon, 02 Mar 2026 09:00:05 +0000\n\n"
            "Thank you, we will answer within 24 hours.\n")


@pytest.mark.parametrize("address", FORMER_MATCHES + NEW_MATCHES)
def test_autoreply_never_answers_a_listed_sender(address: str, check_text: Any) -> None:
    [finding] = check_text(_autoreply_to(address), name="ack.eml", select=["autoreply-headers"]).findings
    assert "no-reply address" in finding.message


@pytest.mark.parametrize("address", PEOPLE)
def test_autoreply_may_answer_people(address: str, check_text: Any) -> None:
    assert not check_text(_autoreply_to(address), name="ack.eml", select=["autoreply-headers"]).findings


def test_configured_lexicon_folder_extends_both_rules(tmp_path: Path, check_text: Any) -> None:
    folder = _extended(tmp_path)
    assert check_text(_sender_draft("robot-orders@shop.example"), select=["no-reply-sender"],
                      lexicon_paths=[str(folder)]).findings
    assert check_text(_autoreply_to("robot-orders@shop.example"), name="ack.eml", select=["autoreply-headers"],
                      lexicon_paths=[str(folder)]).findings


def test_a_rule_may_still_list_its_own_patterns(check_text: Any) -> None:
    options = {"rules": {"no-reply-sender": {"local_parts": ["^robot-"]}}}
    assert check_text(_sender_draft("robot-orders@shop.example"), select=["no-reply-sender"], **options).findings
    assert not check_text(_sender_draft("noreply@shop.example"), select=["no-reply-sender"], **options).findings


@pytest.mark.parametrize(("lexicon", "problem"), [("greetings", "not a pattern list"), ("free_webmail_domains", "syntax: re2")])
def test_a_field_naming_a_phrase_lexicon_is_an_error_not_a_silent_pass(lexicon: str, problem: str, check_text: Any) -> None:
    result = check_text(_sender_draft("noreply@shop.example"), select=["no-reply-sender"],
                        rules={"no-reply-sender": {"local_parts": lexicon}})
    assert not result.findings and any(problem in error and "local_parts" in error for error in result.errors), result.errors
