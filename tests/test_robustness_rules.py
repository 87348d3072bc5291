"""Rules are data, user regexes run on RE2, and `check` fails closed on broken configuration.

Rule files, configuration and front matter go through the same safe YAML loader; these tests
feed it what an attacker or a careless author would, through the real command line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mailgate.errors import MailgateError
from mailgate.yamlio import load_yaml_text

RULE = ("id: {id}\ntitle: A house rule\nsource: {{standard: house}}\napplies_to: [all]\nseverity: warn\n"
        "check: existence\ntarget: text\n{body}message: 'Found {{match}}'\nfix: Remove it.\n"
        "examples: {{bad: [x], good: [y]}}\n")
BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else 'lol'}]\n"
               for prev, name in zip([None, "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi"))


def _project(tmp_path: Path, rule_text: str, config_extra: str = "") -> Path:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "house.yaml").write_text(rule_text, encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text(f"rule_files: [rules]\n{config_extra}", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello Anna,\nthanks for writing.\n", encoding="utf-8")
    return draft


def _fails_cleanly(result, *needles: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err and "internal error" not in result.out + result.err, result
    text = result.out + result.err
    for needle in needles:
        assert needle in text, (needle, result)


# -- YAML is data ---------------------------------------------------------------------------------

def test_python_tag_in_a_rule_file_is_refused(run_cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    rule = RULE.format(id="house-rule", body=f"tokens: !!python/object/apply:os.system ['touch {marker}']\n")
    draft = _project(tmp_path, rule)
    _fails_cleanly(run_cli("check", draft, cwd=tmp_path), "house.yaml", "tags that build objects are not allowed")
    _fails_cleanly(run_cli("rules", "validate", tmp_path / "rules" / "house.yaml"), "python/object")
    assert not marker.exists()


@pytest.mark.parametrize("where", ["rule", "config", "front matter"])
def test_alias_bomb_is_refused_quickly(run_cli, tmp_path: Path, where: str) -> None:
    rule = RULE.format(id="house-rule", body="tokens: [lol]\n")
    draft = _project(tmp_path, rule + BOMB if where == "rule" else rule, BOMB if where == "config" else "")
    if where == "front matter":
        draft.write_text(f"---\n{BOMB}---\nHello Anna,\n", encoding="utf-8")
    # 9**9 expanded values: anything that walked them would run for minutes and take gigabytes.
    _fails_cleanly(run_cli("check", draft, cwd=tmp_path, timeout=60), "alias bomb")


def test_ordinary_anchors_and_recursive_aliases() -> None:
    assert load_yaml_text("base: &b {max: 60}\nrule: {<<: *b, unit: chars}\n", "x.yaml")["rule"] == \
        {"max": 60, "unit": "chars"}
    with pytest.raises(MailgateError, match="recursive"):
        load_yaml_text("a: &a [1, *a]\n", "x.yaml")


# -- regexes run on RE2 ---------------------------------------------------------------------------

def test_catastrophic_pattern_finishes_at_once_through_a_rule_file(run_cli, tmp_path: Path) -> None:
    # Python's re needs about a minute for (a+)+$ on 31 characters that do not match; RE2 is linear.
    draft = _project(tmp_path, RULE.format(id="house-rule", body="patterns: ['(a+)+$']\n"),
                     "select: [house-rule]\n")
    draft.write_text("Hello Anna,\n" + "a" * 100_000 + "!", encoding="utf-8")
    matching = tmp_path / "matching.txt"
    matching.write_text("Hello Anna,\n" + "a" * 100_000, encoding="utf-8")
    result = run_cli("check", draft, matching, "-f", "json", cwd=tmp_path, timeout=60)
    assert result.code == 0, result
    found = {Path(r["path"]).name: [f["rule"] for f in r["findings"]] for r in result.json()["results"]}
    assert found == {"draft.txt": [], "matching.txt": ["house-rule"]}


def test_pattern_re2_cannot_compile_names_file_rule_and_field(run_cli, tmp_path: Path) -> None:
    draft = _project(tmp_path, RULE.format(id="house-rule", body="patterns: ['(?<=un)subscribe', '(x)\\1']\n"))
    _fails_cleanly(run_cli("check", draft, cwd=tmp_path), "house.yaml", "rule house-rule", "field patterns",
                   "(?<=un)subscribe")


# -- check fails closed -----------------------------------------------------------------------------

def _plugin(tmp_path: Path, source: str) -> dict[str, str]:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "house_plugin.py").write_text(source, encoding="utf-8")
    dist = tmp_path / "site" / "house_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: house-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[mailgate]\nhouse = house_plugin\n")
    return {"PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"), str(package), str(dist.parent)])}


@pytest.mark.parametrize("hook", ["mailgate_rule_paths", "mailgate_check_kinds", "mailgate_formatters"])
def test_plugin_raising_in_a_hook_is_named_and_the_run_fails(run_cli, tmp_path: Path, hook: str) -> None:
    env = _plugin(tmp_path, f"from mailgate.hookspecs import hookimpl\n@hookimpl\ndef {hook}():\n"
                            "    raise OSError('disk on fire')\n")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello Anna,\nthanks.\n", encoding="utf-8")
    result = run_cli("check", draft, env=env)
    _fails_cleanly(result, "plugin 'house'", hook, "disk on fire")
    assert "ERROR" in result.out  # the verdict line says so; the file itself was still checked


def test_plugin_that_fails_to_load_still_lets_other_files_be_checked(run_cli, tmp_path: Path) -> None:
    env = _plugin(tmp_path, "import not_installed_anywhere\n")
    draft = tmp_path / "draft.txt"
    draft.write_text("---\nsubject: ''\nkind: reply\n---\nHello Anna,\nthanks.\n", encoding="utf-8")
    result = run_cli("check", draft, "-f", "json", env=env)
    _fails_cleanly(result, "plugin 'house' failed to load", "ModuleNotFoundError")
    data = result.json()
    assert data["verdict"] == "error"
    assert "subject-missing" in [f["rule"] for f in data["results"][0]["findings"]]  # the built-ins still ran
