"""Message-derived text is inert in every output: no terminal escapes, no bidi tricks, valid XML."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from mailgate.report.escape import inert

ESC = "\x1b"
HOSTILE = f"{ESC}[2J{ESC}]0;owned\x07 \u202eevil\u202c \x00 \x9b"


def test_inert_shows_controls_and_bidi_as_visible_escapes() -> None:
    assert inert(HOSTILE) == "\\x1b[2J\\x1b]0;owned\\x07 \\u202eevil\\u202c \\x00 \\x9b"
    assert inert("Grüße, Анна — ¿qué tal? 👋") == "Grüße, Анна — ¿qué tal? 👋"


def _hostile_file(tmp_path: Path) -> Path:
    # A file name is message-derived too (attachments saved by name, Maildir folders).
    path = tmp_path / f"draft{ESC}[31m\u202e.txt"
    path.write_text("Hello Anna,\nthanks for writing.\n", encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "echo.yaml").write_text(
        "id: echo-subject\ntitle: Echoes the subject\nsource: {standard: test}\napplies_to: [all]\n"
        "severity: warn\ncheck: existence\ntarget: subject\npatterns: ['.+']\n"
        "message: 'Subject says {match}'\nfix: none\nexamples: {bad: [x], good: [y]}\n", encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text("rule_files: [rules]\nselect: [echo-subject]\n", encoding="utf-8")
    path.write_text(f"---\nsubject: \"{HOSTILE.replace(chr(0), '')}\"\n---\nHello Anna,\nthanks.\n".replace(
        ESC, "\\e").replace("\x07", "\\a").replace("\x9b", "\\x9b"), encoding="utf-8")
    return path


def test_text_output_carries_no_raw_control_characters(run_cli, tmp_path: Path) -> None:
    path = _hostile_file(tmp_path)
    result = run_cli("check", path, "--color", "never", cwd=tmp_path)
    assert "echo-subject" in result.out, result
    assert "\\x1b[2J" in result.out and "\\u202e" in result.out
    assert not any(ch in result.out for ch in (ESC, "\u202e", "\x07", "\x9b")), repr(result.out)


def test_coloured_output_keeps_only_its_own_escapes(run_cli, tmp_path: Path) -> None:
    path = _hostile_file(tmp_path)
    out = run_cli("check", path, "--color", "always", cwd=tmp_path).out
    assert "\\x1b[2J" in out and f"{ESC}[2J" not in out


def test_junit_is_valid_xml_and_json_escapes_controls(run_cli, tmp_path: Path) -> None:
    path = _hostile_file(tmp_path)
    junit = run_cli("check", path, "-f", "junit", cwd=tmp_path).out
    case = ElementTree.fromstring(junit).find("testcase")
    assert case is not None and "\\x1b" in case.get("name")
    data = run_cli("check", path, "-f", "json", cwd=tmp_path)
    assert ESC not in data.out  # JSON writes \u001b; a reader gets the real text back
    finding = data.json()["results"][0]["findings"][0]
    assert ESC in finding["message"]
    github = run_cli("check", path, "-f", "github", cwd=tmp_path).out
    assert ESC not in github and "\u202e" not in github


def test_security_md_lists_every_limit() -> None:
    import mailgate.limits as limits
    from conftest import ROOT

    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    names = [name for name in vars(limits) if name.startswith("MAX_")]
    assert names and all(f"`{name}`" in security for name in names), names
