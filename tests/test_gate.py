"""`mailgate gate` end to end, as a sending pipeline runs it: real processes, real SQLite, real files."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, EXAMPLE_AT, ROOT
from ledger_faults import ledger_locked, write_suppressions

AT = EXAMPLE_AT
GATE_RULES = "consent-,suppressed-recipient,hard-bounced,soft-bounce-limit,invalid-address,duplicate-recipient," \
             "cross-channel-duplicate,frequency-cap,topic-opt-out,segment-required,purpose-required," \
             "approval-required,third-party-sharing,sender-identity-confusable,exclusion-rate,suppression-freshness"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_example_gate_excludes_each_person_for_their_reason(example: Path, run_cli: Any) -> None:
    result = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", cwd=example)
    assert result.code == 0, result
    assert "SEND" in result.out and "suppressed-recipient" in result.out
    excluded = {row["email"]: row for row in _rows(example / "out" / "excluded.csv")}
    reasons = {email: row["excluded_by"] for email, row in excluded.items()}
    assert reasons == {"Klaus.Weber@Beispiel.de": "suppressed-recipient",      # left another department's newsletter
                       "maria.garcia@example.es": "suppressed-recipient",
                       "jan.nowak@example.pl": "hard-bounced",                  # from the bounce mbox
                       "lena.fischer@example.de": "cross-channel-duplicate",    # catalogue by post this week
                       "tom.becker@example.de": "consent-missing",              # consented to events only
                       "anna.roth@example.de": "duplicate-recipient"}           # ANNA.ROTH@EXAMPLE.DE came first
    assert "Newsletter" in excluded["Klaus.Weber@Beispiel.de"]["reasons"]
    allowed = {row["email"] for row in _rows(example / "out" / "allowed.csv")}
    assert len(allowed) == 115 and not allowed & set(excluded) - {"anna.roth@example.de"}
    assert {"olga@пример.рф", "piotr.zielinski@example.pl", "ANNA.ROTH@EXAMPLE.DE"} <= allowed
    assert [row["email"] for row in _rows(example / "out" / "retry.csv")] == ["sofia.lopez@example.es"]
    assert [row["email"] for row in _rows(example / "out" / "warnings.csv")] == ["nina.braun@example.de"]


def test_json_adds_campaign_and_recipients(example: Path, run_cli: Any) -> None:
    data = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", "-f", "json", cwd=example).json()
    assert data["verdict"] in {"pass", "warn"} and data["decision"] == "send"
    assert data["campaign"]["id"] == "ebike-launch-2026"
    recipients = data["recipients"]
    assert (recipients["total"], recipients["allowed"], recipients["excluded"]) == (121, 115, 6)
    assert recipients["by_rule"]["suppressed-recipient"] == 2
    assert {r["path"] for r in data["results"]} == {"campaign.yaml", "templates/ebike-launch.html"}


def test_no_cache_leaves_the_cache_folder_empty(example: Path, run_cli: Any, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", "--no-cache", cwd=example,
                     env={"MAILGATE_CACHE_DIR": str(cache)})
    assert result.code == 0, result
    assert not cache.exists() or not list(cache.iterdir())  # the configuration's validation is not remembered either


def _manifest(work: Path, **changes: Any) -> Path:
    data = yaml.safe_load((work / "campaign.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = work / "changed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _stale(out: Path) -> None:
    """The example's out/ holds the allowed list of an earlier successful run (conftest): it must go."""
    assert (out / "allowed.csv").is_file()


def test_a_blocked_campaign_writes_no_allowed_list(example: Path, run_cli: Any) -> None:
    _stale(example / "out")
    result = run_cli("gate", _manifest(example, approver=None), "--at", AT, "--out-dir", "out", cwd=example)
    assert result.code == 1, result
    assert "approval-required" in result.out and "BLOCKED" in result.out
    assert not (example / "out" / "allowed.csv").exists()
    assert (example / "out" / "excluded.csv").exists()


def test_too_many_excluded_blocks_the_campaign(example: Path, run_cli: Any) -> None:
    config = example / "strict.yaml"
    config.write_text((example / "mailgate.yaml").read_text() + "rules:\n  exclusion-rate: {max: 0.02}\n")
    result = run_cli("gate", "campaign.yaml", "--config", config, "--at", AT, "--out-dir", "out", cwd=example)
    assert result.code == 1 and "exclusion-rate" in result.out and "5 of 121" in result.out, result
    assert not (example / "out" / "allowed.csv").exists()


def test_stale_suppressions_block(example: Path, run_cli: Any) -> None:
    result = run_cli("ledger", "import", "suppressions", "ledger/suppressions.csv", "--source", "call-centre",
                     "--as-of", "2026-11-20T08:00:00Z", cwd=example)
    assert result.code == 0
    result = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", cwd=example)
    assert result.code == 1 and "suppression-freshness" in result.out and "call-centre" in result.out, result


@pytest.mark.parametrize(("change", "expected"), [
    ({"channel": "fax"}, "field channel"),
    ({"sender": {"name": "x"}}, "field sender: 'address' is a required property"),
    ({"topic": None}, "field topic"),
])
def test_manifest_errors_name_the_field_and_file(example: Path, run_cli: Any, change: dict, expected: str) -> None:
    _stale(example / "out")
    result = run_cli("gate", _manifest(example, **change), "--at", AT, "--out-dir", "out", cwd=example)
    assert result.code == 2, result
    assert expected in result.out and "changed.yaml" in result.out
    assert not (example / "out" / "allowed.csv").exists() and not (example / "out" / "excluded.csv").exists()


def test_a_broken_audience_fails_closed(example: Path, run_cli: Any) -> None:
    _stale(example / "out")
    with (example / "audience.csv").open("a", encoding="utf-8") as handle:
        handle.write("late@example.com;Late;Row\n")  # three fields under a four-column header
    result = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", "-f", "json", cwd=example)
    assert result.code == 2
    data = result.json()
    assert data["verdict"] == "error" and data["decision"] == "error"
    assert any("audience.csv" in e and "line 123" in e for e in data["errors"])
    assert not any((example / "out").iterdir())


def test_jsonl_audience_and_a_missing_ledger(example: Path, run_cli: Any, tmp_path: Path) -> None:
    audience = example / "people.jsonl"
    audience.write_text('{"email": "anna.roth@example.de", "first_name": "Anna"}\n'
                        '{"email": "Klaus.Weber@Beispiel.de", "first_name": "Klaus"}\n', encoding="utf-8")
    result = run_cli("gate", _manifest(example, audience="people.jsonl"), "--at", AT, "--out-dir", "out",
                     "--select", GATE_RULES, "--ignore", "exclusion-rate", cwd=example)
    assert result.code == 0, result
    assert [row["email"] for row in _rows(example / "out" / "allowed.csv")] == ["anna.roth@example.de"]
    missing = run_cli("gate", "campaign.yaml", "--ledger", tmp_path / "none.sqlite", "--out-dir", "out", cwd=example)
    assert missing.code == 2 and "mailgate ledger init" in missing.out


PLUGIN = '''
from mailgate.hookspecs import hookimpl

@hookimpl
def mailgate_recipient_checks(rules, batch, gate):
    raise RuntimeError("ledger replica unreachable")
'''


CHECK_PLUGIN = '''
from pathlib import Path
from mailgate.checks.named import NamedCheck
from mailgate.hookspecs import hookimpl

def flaky_check(doc, rule):
    raise ValueError("lexicon service timed out")

@hookimpl
def mailgate_named_checks():
    return [NamedCheck("flaky-check", flaky_check)]

@hookimpl
def mailgate_rule_paths():
    return [Path(__file__).with_name("flaky_rules")]
'''
CHECK_RULE = ("id: flaky-rule\ntitle: Asks a remote service\nsource: {standard: test}\napplies_to: [all]\n"
              "severity: warn\ncheck: plugin\nplugin: flaky-check\nmessage: Looked up.\nfix: Look again.\n"
              "examples: {bad: [x], good: [y]}\n")


def _plugin_env(tmp_path: Path, source: str, rule: str | None = None) -> dict[str, str]:
    package = tmp_path / "plugin"
    package.mkdir()
    (package / "flaky_plugin.py").write_text(source, encoding="utf-8")
    if rule is not None:
        (package / "flaky_rules").mkdir()
        (package / "flaky_rules" / "flaky-rule.yaml").write_text(rule, encoding="utf-8")
    dist = package / "flaky_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: flaky-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[mailgate]\nflaky = flaky_plugin\n")
    return {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(package)])}


@pytest.mark.parametrize(("source", "rule", "named"), [
    (PLUGIN, None, "flaky"),  # raises in the recipient checks
    ("raise ImportError('missing dependency')\n", None, "flaky"),  # fails to load
    (CHECK_PLUGIN, CHECK_RULE, "rule 'flaky-rule' (check plugin flaky-check) raised ValueError"),  # on the template
], ids=["recipient-check", "load", "message-check"])
def test_a_plugin_that_raises_or_fails_to_load_fails_the_gate_closed(example: Path, run_cli: Any, tmp_path: Path,
                                                                      source: str, rule: str | None,
                                                                      named: str) -> None:
    _stale(example / "out")
    result = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", cwd=example,
                     env=_plugin_env(tmp_path, source, rule))
    _failed_closed(result, example / "out", named)


def _failed_closed(result: Any, out: Path, *named: str) -> None:
    """Exit 2, the problem named, no traceback, and no allowed list — the earlier run's one removed too."""
    assert result.code == 2, result
    assert "Traceback" not in result.out + result.err, result
    assert all(text in result.out for text in named) and "ERROR: the gate could not decide" in result.out, result
    assert not (out / "allowed.csv").exists()


def test_a_rule_file_that_fails_validation_fails_the_gate_closed(example: Path, run_cli: Any) -> None:
    _stale(example / "out")
    (example / "house-rules.yaml").write_text(
        "id: house-subject-brand\ntitle: Subjects name the brand\nsource: {standard: house style}\n"
        "applies_to: [campaign]\nseverity: critical\ncheck: required\ntarget: subject\npatterns: ['Velo Nord']\n"
        "message: No brand.\nfix: Name it.\nexamples: {bad: [x], good: [Velo Nord]}\n", encoding="utf-8")
    config = example / "house.yaml"
    config.write_text((example / "mailgate.yaml").read_text() + "rule_files: [house-rules.yaml]\n")
    result = run_cli("gate", "campaign.yaml", "--config", config, "--at", AT, "--out-dir", "out", cwd=example)
    _failed_closed(result, example / "out", "house-rules.yaml", "house-subject-brand", "severity")


@pytest.mark.parametrize(("content", "named"), [
    (None, "field audience: no such file"),
    ("email;first_name\nanna.roth@example.de;Anna\n".encode("utf-16"), "line 1: not UTF-8"),  # Excel 'Unicode text'
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb8\x8b\xfe", "line 1: not UTF-8"),  # an .xlsx renamed
    (b"\x00" * 4096, "NUL bytes; a binary file"),
    (b"name;phone\nAnna Roth;+49 30 1234567\n", "no 'email' column (columns: name, phone)"),
    (b"email;first_name\n", "the audience has no recipient rows"),
], ids=["missing", "utf-16", "zip", "nul", "no-email-column", "header-only"])
def test_an_unreadable_audience_fails_the_gate_closed(example: Path, run_cli: Any, content: bytes | None,
                                                      named: str) -> None:
    _stale(example / "out")
    if content is not None:
        (example / "people.csv").write_bytes(content)
    result = run_cli("gate", _manifest(example, audience="people.csv"), "--at", AT, "--out-dir", "out", cwd=example)
    _failed_closed(result, example / "out", "people.csv", named)


@pytest.mark.parametrize(("lock", "record"), [("transaction", True), ("exclusive-mode", False)])
def test_a_ledger_locked_past_the_timeout_fails_the_gate_closed(example: Path, run_cli: Any, lock: str,
                                                                record: bool) -> None:
    _stale(example / "out")
    config = example / "impatient.yaml"
    config.write_text((example / "mailgate.yaml").read_text() + "gate: {busy_timeout_s: 0.3}\n")
    with ledger_locked(example / "ledger.sqlite", lock):
        result = run_cli("gate", "campaign.yaml", "--config", config, "--at", AT, "--out-dir", "out",
                         *(["--record"] if record else []), cwd=example)
        _failed_closed(result, example / "out", "ledger.sqlite", "locked by another process", "0.3 s")
        if record:  # WAL: a gate that only reads is not held up by a writer; it judges the last committed state
            reader = run_cli("gate", "campaign.yaml", "--config", config, "--at", AT, "--out-dir", "out", cwd=example)
            assert reader.code == 0 and (example / "out" / "allowed.csv").is_file(), reader


def _gate_process(work: Path, manifest: Path, out: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mailgate", "gate", str(manifest), "--at", AT, "--record",
                             "--out-dir", out, "-f", "json", "--select", GATE_RULES,
                             "--ignore", "cross-channel-duplicate,frequency-cap,exclusion-rate"],
                            cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_recording_gates_and_imports_lose_no_row(example: Path, cli_env: dict[str, str],
                                                            tmp_path: Path) -> None:
    """Three recording gates and three suppression imports started together: every send and every
    suppression is there, and each gate recorded exactly what it decided — honouring the
    unsubscribes committed before it (the import_log ids give the order the writers ran in)."""
    import sqlite3

    from mailgate.addresses import normalise_address

    members = ["olga.meyer@example.de", "clara.smirnov@example.de", "lucas.kuznetsova@example.de"]
    sizes = [100_000, 10_000, 10_000]  # the first holds the lock while the rest queue: gates and imports then race
    imports = []
    for n, (address, size) in enumerate(zip(members, sizes)):  # other people, and one of this campaign's audience
        path = tmp_path / f"esp-{n}.csv"
        write_suppressions(path, size, prefix=f"esp{n}-")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"{address},unsubscribe,,2026-11-20T08:00:00Z\n")
        imports.append(path)
    template = _manifest(example, id="launch-wave-a").read_text(encoding="utf-8")
    waves = {}
    for wave in "abc":
        waves[f"launch-wave-{wave}"] = example / f"wave-{wave}.yaml"
        waves[f"launch-wave-{wave}"].write_text(template.replace("launch-wave-a", f"launch-wave-{wave}"), encoding="utf-8")
    processes = []
    for manifest, source in zip(waves.values(), imports):
        processes.append(_gate_process(example, manifest, f"out-{manifest.stem}", cli_env))
        processes.append(subprocess.Popen([sys.executable, "-m", "mailgate", "ledger", "import", "suppressions",
                                           str(source), "--ledger", "ledger.sqlite", "--source", source.stem],
                                          cwd=example, env=cli_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True))
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, outputs

    db = sqlite3.connect(example / "ledger.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    order = dict(db.execute("SELECT source, id FROM import_log"))
    for source, size in zip(imports, sizes):
        assert db.execute("SELECT count(*) FROM suppression WHERE source = ? AND lifted_at = ''",
                          (source.stem,)).fetchone()[0] == size + 1
    for campaign, manifest in waves.items():
        recorded = {email for (email,) in db.execute("SELECT email FROM send WHERE campaign_id = ?", (campaign,))}
        allowed = {normalise_address(row["email"]) for row in _rows(example / f"out-{manifest.stem}" / "allowed.csv")}
        assert recorded == allowed and len(allowed) > 100
        for source, address in zip(imports, members):
            assert (address in recorded) == (order[source.stem] > order[f"gate:{campaign}"]), (campaign, address)


def test_recorded_sends_feed_the_next_gate(example: Path, run_cli: Any) -> None:
    first = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", "--record", cwd=example)
    assert first.code == 0, first
    other = _manifest(example, id="winter-tips", topic="products")
    second = run_cli("gate", other, "--at", AT, "--out-dir", "out2", "-f", "json", "--select", GATE_RULES,
                     "--ignore", "exclusion-rate", cwd=example).json()
    # the 115 just recorded, plus Lena's letter and Sofia's first wave of the launch (another campaign now)
    assert second["recipients"]["by_rule"]["cross-channel-duplicate"] == 117


def test_progress_only_on_a_terminal(example: Path, run_cli: Any, cli_env: dict[str, str]) -> None:
    import pty

    quiet = run_cli("gate", "campaign.yaml", "--at", AT, "--out-dir", "out", cwd=example)
    assert quiet.err == ""
    leader, follower = pty.openpty()
    completed = subprocess.run([sys.executable, "-m", "mailgate", "gate", "campaign.yaml", "--at", AT,
                                "--out-dir", "out"], cwd=example, env=cli_env, stdout=subprocess.PIPE,
                               stderr=follower, timeout=120)
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert completed.returncode == 0 and "121 recipients checked" in shown


def test_run_script_from_a_fresh_checkout(tmp_path: Path, cli_env: dict[str, str]) -> None:
    work = tmp_path / "campaign"
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("ledger.sqlite*", "out"))
    completed = subprocess.run(["sh", str(work / "run.sh")], env=cli_env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "SEND" in completed.stdout and (work / "out" / "allowed.csv").is_file()


SLOW_PLUGIN = '''
import os, time
from mailgate.hookspecs import hookimpl

@hookimpl
def mailgate_recipient_checks(rules, batch, gate):
    open(os.environ["GATE_REACHED"], "w").close()
    time.sleep(60)
'''


def test_a_killed_gate_leaves_no_allowed_list(example: Path, cli_env: dict[str, str], tmp_path: Path) -> None:
    import signal
    import time

    _stale(example / "out")
    marker = tmp_path / "reached"
    env = {**cli_env, **_plugin_env(tmp_path, SLOW_PLUGIN), "GATE_REACHED": str(marker)}
    process = subprocess.Popen([sys.executable, "-m", "mailgate", "gate", "campaign.yaml", "--at", AT, "--record",
                                "--out-dir", "out"], cwd=example, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the gate never reached the recipient checks"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert not (example / "out" / "allowed.csv").exists()  # the stale list went before the ledger was read
    import sqlite3

    db = sqlite3.connect(example / "ledger.sqlite")
    assert db.execute("SELECT count(*) FROM send WHERE campaign_id = 'ebike-launch-2026'").fetchone()[0] == 1
