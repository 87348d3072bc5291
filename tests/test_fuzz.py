"""The coverage-guided fuzz target runs in CI for a few seconds, seeded with the hostile corpus."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "tests" / "fuzz" / "fuzz_loader.py"
SEEDS = ROOT / "tests" / "robustness" / "files"


def test_fuzz_loader_runs_clean_for_a_few_seconds(cli_env: dict[str, str], tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris); fuzz target not run")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.iterdir():
        if seed.is_file() and seed.stat().st_size < 4096:
            shutil.copy(seed, corpus / seed.name)
    done = subprocess.run([sys.executable, str(TARGET), "-max_total_time=5", "-rss_limit_mb=2048", "-timeout=20",
                           str(corpus)], env={**cli_env, "MAILGATE_DISABLE_PLUGIN_AUTOLOAD": "1"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done" in done.stderr and "cov:" in done.stderr
