"""Outside plugins: found through the entry-point group, able to add kinds, rules and formats."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT

EXAMPLE = ROOT / "plugins" / "mailgate-plugin-example" / "src"


def _install_example(site: Path, module: str = "mailgate_example") -> dict[str, str]:
    """Make the example plugin importable and give it a dist-info with its entry point,
    exactly what `pip install` leaves behind, without needing the network."""
    dist = site / "mailgate_plugin_example-0.1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: mailgate-plugin-example\nVersion: 0.1.0\n")
    (dist / "entry_points.txt").write_text(f"[mailgate]\nmailgate_example = {module}\n")
    return {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(EXAMPLE), str(site)])}


def test_outside_plugin_adds_a_kind_a_rule_and_a_format(run_cli, tmp_path: Path) -> None:
    env = _install_example(tmp_path / "site")
    draft = tmp_path / "promo.md"
    draft.write_text("---\nsubject: \"🔥🔥 Sale 🔥\"\nkind: campaign\n---\n<p>Hello</p>\n", encoding="utf-8")
    result = run_cli("check", draft, "-f", "json", "--select", "subject-emoji", env=env)
    findings = result.json()["results"][0]["findings"]
    assert [f["rule"] for f in findings] == ["subject-emoji"]
    assert "3 emoji" in findings[0]["message"]
    assert run_cli("rules", "show", "subject-emoji", env=env).code == 0
    assert run_cli("check", draft, "-f", "count", env=env).out.startswith("1 files")
    blocked = run_cli("check", draft, "--select", "subject-emoji", "-p", "no:mailgate_example", env=env)
    assert blocked.code == 0 and "subject-emoji" not in blocked.out
    off = run_cli("check", draft, "--select", "subject-emoji", env={**env, "MAILGATE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert "subject-emoji" not in off.out


def test_broken_plugin_is_named_and_the_run_fails(run_cli, tmp_path: Path) -> None:
    broken = tmp_path / "pkg" / "broken_plugin.py"
    broken.parent.mkdir()
    broken.write_text("raise RuntimeError('cannot start')\n")
    env = _install_example(tmp_path / "site", "broken_plugin")
    env["PYTHONPATH"] += os.pathsep + str(broken.parent)
    draft = tmp_path / "a.txt"
    draft.write_text("Hello Anna,\nthanks.\n", encoding="utf-8")
    result = run_cli("check", draft, "-f", "json", env=env)
    assert result.code == 2
    data = result.json()
    assert data["verdict"] == "error"
    assert any("mailgate_example" in e and "cannot start" in e for e in data["errors"])


def test_plugin_check_that_raises_is_reported_by_rule(run_cli, tmp_path: Path) -> None:
    plugin = tmp_path / "pkg" / "raising_plugin.py"
    plugin.parent.mkdir()
    plugin.write_text(
        "from pathlib import Path\n"
        "from mailgate.hookspecs import hookimpl\n"
        "from mailgate.checks.named import NamedCheck\n"
        "def boom(doc, rule):\n    raise ValueError('bad day')\n"
        "@hookimpl\ndef mailgate_named_checks():\n    return [NamedCheck('boom', boom)]\n"
        "@hookimpl\ndef mailgate_rule_paths():\n    return [Path(__file__).parent / 'rules']\n")
    (plugin.parent / "rules").mkdir()
    (plugin.parent / "rules" / "boom.yaml").write_text(
        "id: boom-rule\ntitle: Always raises\nsource: {standard: test}\napplies_to: [all]\nseverity: warn\n"
        "check: plugin\nplugin: boom\nmessage: boom\nfix: none\nexamples: {bad: [x], good: [y]}\n")
    env = _install_example(tmp_path / "site", "raising_plugin")
    env["PYTHONPATH"] += os.pathsep + str(plugin.parent)
    draft = tmp_path / "a.txt"
    draft.write_text("Hello Anna,\nthanks.\n", encoding="utf-8")
    result = run_cli("check", draft, "-f", "json", env=env)
    assert result.code == 2
    errors = result.json()["results"][0]["errors"]
    assert any("boom-rule" in e and "bad day" in e for e in errors)


def test_every_hook_is_documented() -> None:
    import inspect

    from mailgate import hookspecs

    hooks = [f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("mailgate_")]
    assert hooks
    for hook in hooks:
        assert hook.__doc__ and "Called" in hook.__doc__, hook.__name__
