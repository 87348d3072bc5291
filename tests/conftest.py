"""Shared fixtures: the CLI as a user runs it (a subprocess), and one engine for in-process tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "examples" / "campaign"
EXAMPLE_AT = "2026-11-24T09:00:00+01:00"  # the planned send time


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """In-process tests cache validated rules and read models in a folder of their own, not ~/.cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("MAILGATE_CACHE_DIR", str(tmp_path_factory.mktemp("in-process-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    env["MAILGATE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    env.pop("NO_COLOR", None)
    env.pop("MAILGATE_DISABLE_PLUGIN_AUTOLOAD", None)
    return env


class CliResult:
    def __init__(self, completed: subprocess.CompletedProcess[str]) -> None:
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def json(self) -> Any:
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


@pytest.fixture
def run_cli(cli_env: dict[str, str]) -> Any:
    """Run ``python -m mailgate ARGS`` and return exit code, stdout and stderr."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120,
            stdin: str | None = None) -> CliResult:
        completed = subprocess.run([sys.executable, "-m", "mailgate", *map(str, args)], cwd=cwd or ROOT,
                                   env={**cli_env, **(env or {})}, capture_output=True, text=True,
                                   timeout=timeout, input=stdin)
        return CliResult(completed)

    return run


@pytest.fixture(scope="session")
def registry() -> Any:
    from mailgate.plugins import build_host
    from mailgate.registry import Registry

    return Registry(build_host(autoload=False), use_cache=False)


@pytest.fixture(scope="session")
def engine(registry: Any) -> Any:
    from mailgate.engine import Engine

    return Engine(registry)


@pytest.fixture
def check_text(engine: Any) -> Any:
    """Check a document given as text (front matter allowed) and return its FileResult."""
    from mailgate.config import Settings
    from mailgate.load import load_bytes

    def check(text: str, name: str = "draft.md", **settings: Any) -> Any:
        messages = load_bytes(text.encode("utf-8"), name)
        return engine.check_message(messages[0], Settings(settings))

    return check


def rule_ids(result: Any) -> set[str]:
    return {finding.rule for finding in result.findings}


@pytest.fixture(scope="session")
def example_with_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's example with its ledger imported and sent once (in process — the CLI has its own tests)."""
    from mailgate.ledger.dsn import scan_mailbox
    from mailgate.ledger.importer import import_file, insert_rows
    from mailgate.ledger.kinds import KINDS
    from mailgate.ledger.store import Ledger

    work = tmp_path_factory.mktemp("example") / "campaign"
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("ledger.sqlite*", "out"))
    ledger = Ledger.open(work / "ledger.sqlite", create=True)
    for kind in ("consent", "suppressions", "sends", "calendar", "preferences"):
        import_file(ledger, kind, work / "ledger" / f"{kind}.csv", source=f"crm-{kind}")
    insert_rows(ledger, KINDS["bounces"], scan_mailbox(work / "ledger" / "bounces.mbox").rows, file="bounces.mbox",
                digest="", source="bounces")
    ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    _send_once(work)
    return work


def _send_once(work: Path) -> None:
    """A successful gate run, so out/ holds a real allowed list: the stale list a failing run must remove."""
    from mailgate.gate.run import GateOptions, run_gate
    from mailgate.ledger.timestamps import parse_timestamp

    outcome = run_gate(work / "campaign.yaml", GateOptions(out_dir=work / "out", at=parse_timestamp(EXAMPLE_AT),
                                                           use_cache=False))
    assert outcome.decision == "send" and (work / "out" / "allowed.csv").is_file(), outcome.run.errors


@pytest.fixture
def example(example_with_ledger: Path, tmp_path: Path) -> Path:
    """A scratch copy per test, so each test may change the manifest, the audience and the ledger."""
    work = tmp_path / "campaign"
    shutil.copytree(example_with_ledger, work)
    return work
