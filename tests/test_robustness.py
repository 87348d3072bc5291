"""Hostile input: every case of tests/robustness/ in ONE `mailgate check` run, beside a good file.

Each case ends in a clear per-file error or is checked with a parse warning naming the limit
or the damage; the good file still passes; exit 2 (unreadable input, DESIGN.md); no traceback.
The run gets generous bounds (time, address space) so a hang or a blow-up fails the test;
the figures per case are measured by bench/robustness.py, not asserted here.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))

import corpus  # noqa: E402

ADDRESS_SPACE = 3 * 1024 ** 3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory, cli_env: dict[str, str]):
    import json
    import subprocess

    target = tmp_path_factory.mktemp("hostile")
    paths = corpus.build(target)
    good = target / "good" / "reply.txt"
    good.parent.mkdir()
    good.write_bytes((FIXTURES / "greeting" / "good" / "hello-en.txt").read_bytes())
    done = subprocess.run([sys.executable, "-m", "mailgate", "check", "-f", "json", *map(str, paths), str(good)],
                          env={**cli_env, "MAILGATE_DISABLE_PLUGIN_AUTOLOAD": "1"}, capture_output=True, text=True,
                          timeout=180, preexec_fn=_limit_memory)
    results = {str(Path(r["path"]).relative_to(target)): r for r in json.loads(done.stdout)["results"]}
    return done, results


def test_every_case_is_listed_in_the_expectations() -> None:
    built = {p.relative_to(corpus.FILES).as_posix() for p in corpus.FILES.rglob("*") if p.is_file()}
    assert built | set(corpus.GENERATED) == set(corpus.expectations())


def test_the_run_goes_on_and_exits_2_without_a_traceback(corpus_run) -> None:
    done, results = corpus_run
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stdout + done.stderr
    good = results["good/reply.txt"]
    assert good["verdict"] in ("pass", "warn") and not good.get("errors"), good  # checked like any other file


@pytest.mark.parametrize("name", sorted(corpus.expectations()))
def test_each_hostile_case_gets_a_clear_outcome(corpus_run, name: str) -> None:
    expected = corpus.expectations()[name]
    result = corpus_run[1][name]
    if expected["outcome"] == "error":
        assert result["verdict"] == "error" and len(result["errors"]) == 1, result
        assert result["errors"][0].startswith(str(Path(result["path"]))), "the error names the file"
        assert expected["says"] in result["errors"][0], result["errors"]
        return
    assert not result.get("errors"), result["errors"]
    assert result["kind"] and result["verdict"] in {"pass", "warn", "block"}
    if expected.get("says"):
        warnings = [f["message"] for f in result["findings"] if f["rule"] == "parse-warning"]
        assert any(expected["says"] in w for w in warnings), warnings
