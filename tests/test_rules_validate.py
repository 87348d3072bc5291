"""`mailgate rules validate` compiles every regex a rule uses, with the engine's RE2 wrapper:
its own pattern fields and the pattern lexicons it names, so a pattern RE2 rejects is reported
with file, rule and field (exit 2) before any message is checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mailgate.builtin import rules_root

LOOKBEHIND = "(?<=Dear )customer"  # valid for Python's re, refused by RE2
RULE = """id: house-words
title: No house jargon
source: {{standard: house}}
applies_to: [reply]
severity: warn
check: existence
target: body
patterns:
  - 'ticket\\s+\\d+'
  - '{pattern}'
message: "Avoid {{match}}."
fix: Say it plainly.
examples: {{bad: [x], good: [y]}}
"""


def _rule(tmp_path: Path, pattern: str) -> Path:
    path = tmp_path / "house-words.yaml"
    path.write_text(RULE.format(pattern=pattern), encoding="utf-8")
    return path


def _house_robots(tmp_path: Path, pattern: str) -> Path:
    """A configured lexicon folder extending the shared no-reply list with one pattern."""
    folder = tmp_path / "lexicons" / "any"
    folder.mkdir(parents=True)
    lexicon = folder / "noreply_senders.yaml"
    lexicon.write_text(f"name: noreply_senders\nsyntax: re2\nentries:\n  - '^robot-'\n  - '{pattern}'\n", encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text("lexicon_paths: [lexicons]\n", encoding="utf-8")
    return lexicon


def test_bad_pattern_in_a_rule_field_names_file_rule_and_field(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("rules", "validate", _rule(tmp_path, LOOKBEHIND))
    assert result.code == 2, result
    assert "house-words.yaml" in result.err and "rule house-words" in result.err and "field patterns.1" in result.err
    assert "RE2" in result.err and "Traceback" not in result.err


def test_good_patterns_pass(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("rules", "validate", _rule(tmp_path, "order\\s+#?\\d+"))
    assert result.code == 0 and "ok (house-words, check existence)" in result.out, result


def test_bad_pattern_in_a_configured_lexicon_is_reported_for_the_rule_that_uses_it(run_cli: Any, tmp_path: Path) -> None:
    _house_robots(tmp_path, "no(reply")
    rule = rules_root() / "message" / "no-reply-sender.yaml"
    result = run_cli("rules", "validate", rule, "--config", tmp_path / "mailgate.yaml")
    assert result.code == 2, result
    assert "no-reply-sender.yaml" in result.err and "rule no-reply-sender" in result.err
    assert "field local_parts" in result.err and "noreply_senders.yaml" in result.err and "entries[1]" in result.err


def test_a_lexicon_file_is_validated_on_its_own(run_cli: Any, tmp_path: Path) -> None:
    lexicon = _house_robots(tmp_path, "no(reply")
    result = run_cli("rules", "validate", lexicon)
    assert result.code == 2 and "noreply_senders.yaml" in result.err and "entries[1]" in result.err, result
    shipped = run_cli("rules", "validate", rules_root() / "lexicons" / "any" / "noreply_senders.yaml",
                      rules_root() / "lexicons" / "any" / "postal_codes.yaml", rules_root() / "lexicons" / "pl" / "closings.yaml")
    assert shipped.code == 0 and "RE2 patterns" in shipped.out and "entries" in shipped.out, shipped


def test_every_shipped_rule_and_pattern_lexicon_validates(run_cli: Any) -> None:
    files = sorted(rules_root().glob("*/*.yaml")) + sorted((rules_root() / "lexicons" / "any").glob("*.yaml"))
    result = run_cli("rules", "validate", *[f for f in files if f.parent.name != "schemas"])
    assert result.code == 0, result


def test_check_reports_a_bad_configured_pattern_with_its_field(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "mailgate.yaml").write_text("rules:\n  no-reply-sender:\n    local_parts: ['(']\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("---\nsubject: Order\nfrom: shop@shop.example\n---\nHello.\n", encoding="utf-8")
    result = run_cli("check", draft, cwd=tmp_path)
    output = result.err + result.out
    assert result.code == 2 and "rule no-reply-sender, field local_parts.0" in output and "RE2" in output, result


def _house_greetings(tmp_path: Path, entry: str) -> Path:
    """A configured lexicon folder extending the Spanish greetings with one phrase."""
    folder = tmp_path / "lexicons" / "es"
    folder.mkdir(parents=True)
    lexicon = folder / "greetings.yaml"
    lexicon.write_text(f"name: greetings\nentries:\n  - 'muy buenas'\n  - '{entry}'\n", encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text("lexicon_paths: [lexicons]\n", encoding="utf-8")
    return lexicon


def test_a_phrase_group_left_open_is_an_error_not_a_silent_mismatch(run_cli: Any, tmp_path: Path) -> None:
    lexicon = _house_greetings(tmp_path, "(buenos días|buenas tardes equipo")
    result = run_cli("rules", "validate", lexicon)
    assert result.code == 2 and "greetings.yaml" in result.err and "entries[1]" in result.err, result
    assert "not closed" in result.err and "Traceback" not in result.err
    reply = tmp_path / "reply.md"
    reply.write_text("---\nsubject: \"Re: pedido\"\nkind: reply\nlang: es\n---\nHola Ana:\n\nYa está enviado.\n\nSaludos,\nLuis\n",
                     encoding="utf-8")
    checked = run_cli("check", reply, cwd=tmp_path)
    output = checked.err + checked.out
    assert checked.code == 2 and "greetings.yaml" in output and "entries[1]" in output, checked


def test_every_shipped_phrase_lexicon_validates(run_cli: Any) -> None:
    files = sorted(path for path in (rules_root() / "lexicons").glob("*/*.yaml") if path.parent.name != "any")
    result = run_cli("rules", "validate", *files)
    assert result.code == 0 and result.out.count(": ok") == len(files), result
