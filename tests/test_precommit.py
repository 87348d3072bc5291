"""The pre-commit hook definition, run the way pre-commit runs it: entry + matching files."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import yaml

from conftest import FIXTURES, ROOT


def test_hook_definition_runs_on_matching_files(cli_env) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "mailgate")
    pattern = re.compile(hook["files"])
    candidates = sorted(str(p.relative_to(ROOT)) for p in FIXTURES.rglob("*") if p.is_file())
    candidates += ["logo.png", "mailgate.yaml", "templates/welcome.mjml"]
    chosen = [c for c in candidates if pattern.search(c)]
    assert "logo.png" not in chosen and "mailgate.yaml" not in chosen
    assert any(c.endswith(".eml") for c in chosen) and "templates/welcome.mjml" in chosen
    entry = shlex.split(hook["entry"])
    if entry[0] == "mailgate" and not shutil.which("mailgate"):
        entry = [sys.executable, "-m", "mailgate", *entry[1:]]
    files = [c for c in chosen if (ROOT / c).exists() and "subject-missing" in c]
    completed = subprocess.run([*entry, *files], cwd=ROOT, env=cli_env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "subject-missing" in completed.stdout
