"""The bundled examples/ show what mailgate is for: clean campaigns pass, failing ones fail for real reasons."""

from __future__ import annotations

from typing import Any

CAMPAIGN_RULES = ["unsubscribe-link", "list-unsubscribe-header", "preference-center-link", "physical-address",
                  "consent-reminder", "spam-triggers", "image-only", "image-alt", "text-part", "link-text-mismatch",
                  "link-shortener", "personal-data-in-url", "promo-in-transactional", "signup-form-consent"]
CLEAN = ["examples/templates/garden-newsletter.html", "examples/templates/nowosci-maja.pl.html",
         "examples/templates/order-shipped.html", "examples/sent/werkstatt-fruehjahr.de.eml"]
FAILING = {
    "examples/templates/spring-sale.html": {"unsubscribe-link", "personal-data-in-url", "link-shortener",
                                            "link-text-mismatch", "spam-triggers", "image-alt", "physical-address",
                                            "consent-reminder", "preference-center-link"},
    "examples/templates/wyprzedaz.pl.html": {"unsubscribe-link", "personal-data-in-url", "link-shortener",
                                             "link-text-mismatch", "spam-triggers", "image-alt", "physical-address",
                                             "consent-reminder", "preference-center-link"},
}


def test_examples_pass_and_fail_for_the_right_reasons(run_cli: Any) -> None:
    result = run_cli("check", "--format", "json", "--select", ",".join(CAMPAIGN_RULES), *CLEAN, *FAILING)
    assert result.code == 1, result
    by_path = {r["path"]: r for r in result.json()["results"]}
    for path in CLEAN:
        assert by_path[path]["findings"] == [], (path, by_path[path]["findings"])
    for path, expected in FAILING.items():
        found = {f["rule"] for f in by_path[path]["findings"]}
        assert expected <= found, (path, expected - found)


def test_the_sent_example_is_a_multipart_campaign_with_one_click_unsubscribe() -> None:
    import email
    import email.policy
    from pathlib import Path

    data = (Path(__file__).resolve().parents[1] / "examples/sent/werkstatt-fruehjahr.de.eml").read_bytes()
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<https://" in message["List-Unsubscribe"] and "<mailto:" in message["List-Unsubscribe"]
