"""Each recipient rule with people it must exclude and people it must keep, on a real SQLite ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from recipient_harness import judge, judge_example, make_ledger

from mailgate.plugins import build_host
from mailgate.registry import Registry

REGISTRY = Registry(build_host(autoload=False), use_cache=False)
RECIPIENT_RULES = sorted(r.id for r in REGISTRY.rules.values() if r.check == "recipient")


def _examples() -> list[Any]:
    cases = []
    for rule_id in RECIPIENT_RULES:
        for which in ("bad", "good"):
            for index, example in enumerate(REGISTRY.rules[rule_id].examples[which], 1):
                cases.append(pytest.param(rule_id, which, example, id=f"{rule_id}-{which}-{index}"))
    return cases


@pytest.mark.parametrize(("rule_id", "which", "example"), _examples())
def test_rule_example(rule_id: str, which: str, example: dict[str, Any], tmp_path: Path) -> None:
    assert "recipient" in example, "recipient rules' examples use the {recipient, campaign, ledger} form"
    assert judge_example(REGISTRY, rule_id, example, tmp_path) is (which == "bad"), example.get("name")


def test_the_ten_recipient_rules_exist() -> None:
    assert set(RECIPIENT_RULES) == {"consent-missing", "consent-record-incomplete", "suppressed-recipient",
                                    "hard-bounced", "soft-bounce-limit", "invalid-address", "duplicate-recipient",
                                    "cross-channel-duplicate", "frequency-cap", "topic-opt-out"}


@pytest.fixture
def ledger(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    rows = getattr(request, "param", {})
    handle = make_ledger(tmp_path / "ledger.sqlite", rows)
    yield handle
    handle.close()


def _ledger(tmp_path: Path, **rows: list[dict[str, Any]]) -> Any:
    return make_ledger(tmp_path / "ledger.sqlite", rows)


PEOPLE = [{"email": "klaus@beispiel.de"}, {"email": "ola@example.pl"}, {"email": "ana@example.es"},
          {"email": "lena@example.de"}]


def test_unsubscribe_from_another_department_excludes_everywhere(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, suppressions=[
        {"email": "KLAUS@Beispiel.DE", "reason": "unsubscribe", "department": "Newsletter", "created_at": "2026-10-01"},
        {"email": "ana@example.es", "reason": "complaint", "topic": "events", "department": "Events",
         "created_at": "2026-10-01"}])
    flagged = judge(REGISTRY, "suppressed-recipient", PEOPLE, ledger, {"department": "Marketing", "topic": "products"})
    assert flagged == [0, 2]  # the global unsubscribe, and a complaint (always global); the others are kept


def test_topic_unsubscribe_only_excludes_that_topic(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, suppressions=[
        {"email": "ola@example.pl", "reason": "unsubscribe", "topic": "events", "created_at": "2026-10-01"},
        {"email": "lena@example.de", "reason": "unsubscribe", "topic": "products", "created_at": "2026-10-01"}])
    assert judge(REGISTRY, "suppressed-recipient", PEOPLE, ledger, {"topic": "products"}) == [3]
    assert judge(REGISTRY, "suppressed-recipient", PEOPLE, ledger, {"topic": "events"}) == [1]


def test_lifted_suppression_no_longer_excludes(tmp_path: Path) -> None:
    from mailgate.ledger.resubscribe import resubscribe

    ledger = _ledger(tmp_path, suppressions=[
        {"email": "ola@example.pl", "reason": "unsubscribe", "created_at": "2026-10-01"}])
    assert judge(REGISTRY, "suppressed-recipient", PEOPLE, ledger) == [1]
    assert resubscribe(ledger, "Ola@Example.PL", "*", {"given_at": "2026-11-02", "method": "double-opt-in",
                                                       "notice_version": "v4"}) == 1
    assert judge(REGISTRY, "suppressed-recipient", PEOPLE, ledger) == []


def test_consent_for_one_topic_is_not_consent_for_another(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, consent=[
        {"email": "klaus@beispiel.de", "topic": "events", "given_at": "2026-01-01"},
        {"email": "ola@example.pl", "topic": "products", "given_at": "2026-01-01"},
        {"email": "ana@example.es", "topic": "*", "given_at": "2026-01-01"},
        {"email": "lena@example.de", "topic": "products", "channel": "postal", "given_at": "2026-01-01"}])
    assert judge(REGISTRY, "consent-missing", PEOPLE, ledger, {"topic": "products"}) == [0, 3]
    assert judge(REGISTRY, "consent-missing", PEOPLE, ledger, {"topic": "products", "kind": "transactional"}) == []


def test_consent_given_after_the_send_does_not_count(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, consent=[{"email": "ola@example.pl", "topic": "products", "given_at": "2026-12-01"}])
    assert judge(REGISTRY, "consent-missing", [{"email": "ola@example.pl"}], ledger) == [0]


def test_consent_record_incomplete_names_what_is_missing(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, consent=[
        {"email": "ola@example.pl", "topic": "products", "given_at": "2026-01-01", "method": "web-form"},
        {"email": "ana@example.es", "topic": "products", "given_at": "2026-01-01", "method": "paper",
         "notice_version": "v2", "given_by": "Ana Ruiz"}])
    assert judge(REGISTRY, "consent-record-incomplete", PEOPLE, ledger) == [1]
    assert judge(REGISTRY, "consent-record-incomplete", PEOPLE, ledger, fields=["method"]) == []


def test_case_and_idn_variants_are_one_address(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, bounces=[{"email": "Jürgen@BÜCHER.de", "status": "5.1.1", "bounced_at": "2026-10-01"}])
    variants = [{"email": "jürgen@bücher.de"}, {"email": "JÜRGEN@xn--bcher-kva.de"}, {"email": " <Jürgen@Bücher.DE> "},
                {"email": "juergen@buecher.de"}]
    assert judge(REGISTRY, "hard-bounced", variants, ledger) == [0, 1, 2]
    assert judge(REGISTRY, "duplicate-recipient", variants, ledger) == [1, 2]


def test_soft_bounce_limit_counts_only_the_window(tmp_path: Path) -> None:
    bounces = [{"email": "ola@example.pl", "status": "4.2.2", "bounced_at": f"2026-11-{day:02d}"} for day in (1, 10, 20)]
    bounces += [{"email": "ana@example.es", "status": "4.4.1", "bounced_at": f"2026-{m:02d}-01"} for m in (8, 9, 11)]
    ledger = _ledger(tmp_path, bounces=bounces)
    assert judge(REGISTRY, "soft-bounce-limit", PEOPLE, ledger) == [1]
    assert judge(REGISTRY, "soft-bounce-limit", PEOPLE, ledger, max=4) == []
    assert judge(REGISTRY, "soft-bounce-limit", PEOPLE, ledger, window_days=120) == [1, 2]


def test_frequency_cap_reached_exactly(tmp_path: Path) -> None:
    sends = [{"email": "ola@example.pl", "campaign_id": f"c{n}", "channel": "email", "sent_at": f"2026-11-{10 + n}"}
             for n in range(2)]
    sends += [{"email": "ana@example.es", "campaign_id": "c1", "channel": "email", "sent_at": "2026-11-20"}]
    sends += [{"email": "lena@example.de", "campaign_id": f"p{n}", "channel": "postal", "sent_at": f"2026-11-{10 + n}"}
              for n in range(3)]
    ledger = _ledger(tmp_path, sends=sends, preferences=[
        {"email": "ana@example.es", "max_sends": "2", "per_days": "7"}])
    # Global cap 2 per 30 days: two sends already = this one would be the third -> out; one send -> in.
    assert judge(REGISTRY, "frequency-cap", PEOPLE, ledger, max=2) == [1]
    # Global cap 3: two sends leave room for exactly this one.
    assert judge(REGISTRY, "frequency-cap", PEOPLE, ledger, max=3) == []
    # Postal sends count only when every channel counts.
    assert judge(REGISTRY, "frequency-cap", PEOPLE, ledger, max=3, count_channels="all") == [3]


def test_personal_frequency_cap_wins_over_the_global_one(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, sends=[{"email": "ana@example.es", "campaign_id": "c1", "channel": "email",
                                       "sent_at": "2026-11-20"}],
                     preferences=[{"email": "ana@example.es", "max_sends": "1", "per_days": "7"}])
    assert judge(REGISTRY, "frequency-cap", PEOPLE, ledger, max=10) == [2]


def test_cross_channel_duplicate_by_contact_id_and_calendar(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path,
                     sends=[{"contact_id": "C-9", "campaign_id": "catalogue", "channel": "postal", "department": "Sales",
                             "sent_at": "2026-11-21"},
                            {"email": "ola@example.pl", "campaign_id": "spring-launch", "channel": "email",
                             "sent_at": "2026-11-21"},
                            {"email": "ana@example.es", "campaign_id": "old", "channel": "phone",
                             "sent_at": "2026-11-01"}],
                     calendar=[{"campaign_id": "survey", "department": "Support", "channel": "email",
                                "scheduled_at": "2026-11-27", "email": "lena@example.de"}])
    people = [{"email": "klaus@beispiel.de", "contact_id": "C-9"}, *PEOPLE[1:]]
    # Klaus got the catalogue by post; Lena is scheduled for Support's survey; Ola's send was this campaign;
    # Ana's phone call is older than the window.
    assert judge(REGISTRY, "cross-channel-duplicate", people, ledger) == [0, 3]
    assert judge(REGISTRY, "cross-channel-duplicate", people, ledger, window_days=30) == [0, 2, 3]


def test_topic_opt_out_and_chosen_topics(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, preferences=[
        {"email": "ola@example.pl", "opted_out": "products", "updated_at": "2026-01-01"},
        {"email": "ana@example.es", "topics": "events|tips", "updated_at": "2026-01-01"},
        {"email": "lena@example.de", "topics": "products", "updated_at": "2026-01-01"},
        {"email": "klaus@beispiel.de", "opted_out": "products", "updated_at": "2026-01-01"},
        {"email": "klaus@beispiel.de", "topics": "products", "updated_at": "2026-06-01"}])
    # Klaus's newer row (he came back to products) wins over the older opt-out.
    assert judge(REGISTRY, "topic-opt-out", PEOPLE, ledger) == [1, 2]


@pytest.mark.parametrize("address", ["anna@example.com", "Jürgen@Bücher.de", "olga@пример.рф", "a.b+tag@sub.example.co.uk",
                                     "o'brien@example.ie", "x@xn--80ak6aa92e.com"])
def test_valid_addresses_are_kept(address: str, tmp_path: Path) -> None:
    assert judge(REGISTRY, "invalid-address", [{"email": address}], _ledger(tmp_path)) == []


@pytest.mark.parametrize("address", ["", "anna", "anna@", "@example.com", "anna@@example.com", "anna@example",
                                     "anna..b@example.com", ".anna@example.com", "anna@-example.com",
                                     "anna@exa_mple.com", "anna roth@example.com", "anna@example.c",
                                     "anna@bü cher.de", "a" * 65 + "@example.com"])
def test_invalid_addresses_are_excluded(address: str, tmp_path: Path) -> None:
    assert judge(REGISTRY, "invalid-address", [{"email": address}], _ledger(tmp_path)) == [0]


def test_invalid_address_skipped_for_postal_campaigns(tmp_path: Path) -> None:
    assert judge(REGISTRY, "invalid-address", [{"email": "", "contact_id": "C-1"}], _ledger(tmp_path),
                 {"channel": "postal"}) == []


def test_address_check_over_a_mixed_batch() -> None:
    from mailgate.addresses import normalise_address
    from mailgate.checks.recipient import invalid_rows

    raw = ["anna@example.com", "", "ü" * 32 + "@example.de", "ü" * 33 + "@example.de", "x@bücher.de", "bad@@x.de",
           "olga@пример.рф", "a" * 64 + "@example.com"]
    keys = [normalise_address(a) for a in raw]
    assert invalid_rows(keys) == [1, 3, 5]  # empty; 66 octets before the @; two @
    assert invalid_rows(["a@example.com", "b\n@example.com", "c@example.com"]) == [1]


def test_audience_lines_survive_quoted_newlines(tmp_path: Path) -> None:
    from mailgate.load.audience import Audience

    path = tmp_path / "a.csv"
    path.write_text('email,note\na@example.com,"two\nlines"\n\nb@example.com,x\n', encoding="utf-8")
    audience = Audience(path)
    batch = next(audience.batches(10))
    audience.close()
    assert batch.lines == [2, 5] and batch.keys == ["a@example.com", "b@example.com"]
