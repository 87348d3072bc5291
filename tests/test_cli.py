"""The command line as a user runs it: exit codes, JSON shape, walking, bad input."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, ROOT

FINDING_KEYS = {"rule", "severity", "message", "line", "column", "source", "fix"}


def test_clean_file_exits_zero(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("---\nsubject: Your order 1042 has shipped\nkind: reply\nlang: en\n---\nHello Anna,\n\n"
                     "your order has shipped.\n", encoding="utf-8")
    result = run_cli("check", draft, "--select", "subject-missing,subject-length,greeting")
    assert result.code == 0, result
    assert "PASS" in result.out


def test_block_exits_one_and_json_has_the_contract_shape(run_cli) -> None:
    result = run_cli("check", FIXTURES / "subject-missing" / "bad", "--format", "json")
    assert result.code == 1, result
    data = result.json()
    assert set(data) >= {"mailgate", "verdict", "results", "summary"}
    assert data["verdict"] == "block"
    file_result = data["results"][0]
    assert set(file_result) >= {"path", "kind", "lang", "verdict", "findings"}
    finding = next(f for f in file_result["findings"] if f["rule"] == "subject-missing")
    assert set(finding) >= FINDING_KEYS
    assert finding["severity"] == "block" and finding["line"] == 3
    assert data["summary"]["files"] == 1 and data["summary"]["block"] >= 1


def test_warnings_exit_zero_unless_strict(run_cli) -> None:
    path = FIXTURES / "subject-length" / "bad"
    assert run_cli("check", path, "--select", "subject-length").code == 0
    strict = run_cli("check", path, "--select", "subject-length", "--strict", "-f", "json")
    assert strict.code == 1
    assert strict.json()["verdict"] == "block"


def test_directory_is_walked(run_cli) -> None:
    result = run_cli("check", FIXTURES, "--format", "json", "--select", "subject-missing")
    paths = {Path(r["path"]).name for r in result.json()["results"]}
    assert {"empty.eml", "present.eml", "long-es.eml"} <= paths


def test_not_an_email_is_an_error_not_a_traceback(run_cli, tmp_path: Path) -> None:
    binary = tmp_path / "photo.eml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("check", binary, empty, "-f", "json")
    assert result.code == 2, result
    assert "Traceback" not in result.err
    errors = {Path(r["path"]).name: r["errors"][0] for r in result.json()["results"]}
    assert "binary" in errors["photo.eml"] and "empty" in errors["empty.txt"]


def test_missing_path_is_an_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / "nope.eml")
    assert result.code == 2
    assert "no such file" in result.out


def test_bad_rule_file_names_file_rule_and_field(run_cli, tmp_path: Path) -> None:
    rule = tmp_path / "rules" / "bad.yaml"
    rule.parent.mkdir()
    rule.write_text("id: my-rule\ntitle: A rule\nsource: {standard: house}\napplies_to: [reply]\n"
                    "severity: loud\ncheck: length\ntarget: subject\nmax: 10\nmessage: too long\nfix: shorten it\n"
                    "examples: {bad: [x], good: [y]}\n", encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text("rule_files: [rules]\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello\n", encoding="utf-8")
    result = run_cli("check", draft, cwd=tmp_path)
    assert result.code == 2, result
    text = result.out + result.err
    assert "bad.yaml" in text and "my-rule" in text and "severity" in text
    validated = run_cli("rules", "validate", rule)
    assert validated.code == 2 and "field severity" in validated.err


def test_broken_yaml_rule_file(run_cli, tmp_path: Path) -> None:
    rule = tmp_path / "broken.yaml"
    rule.write_text("id: x\n  title: [unclosed\n", encoding="utf-8")
    result = run_cli("rules", "validate", rule)
    assert result.code == 2 and "broken.yaml" in result.err and "line" in result.err
    assert "Traceback" not in result.err


def test_unknown_format_is_a_usage_error(run_cli) -> None:
    result = run_cli("check", FIXTURES / "greeting", "--format", "yaml")
    assert result.code == 2 and "unknown format" in result.err


def test_every_format_renders(run_cli) -> None:
    for name in ("text", "json", "sarif", "junit", "github"):
        result = run_cli("check", FIXTURES / "subject-missing", "--format", name, "--select", "subject-missing")
        assert result.code == 1, (name, result)
        assert "subject-missing" in result.out


def test_rules_list_and_show(run_cli) -> None:
    listing = run_cli("rules", "list", "-f", "json")
    ids = {r["id"] for r in listing.json()}
    assert {"subject-length", "greeting"} <= ids
    show = run_cli("rules", "show", "subject-length")
    assert show.code == 0
    assert "001_43569a854f5afe09.txt" in show.out and "max" in show.out
    assert "Fails" in show.out and "Passes" in show.out
    assert run_cli("rules", "show", "no-such-rule").code == 2


def test_config_select_ignore_severity_and_thresholds(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("---\nsubject: A subject of exactly forty characters long\nkind: reply\n---\nHi there,\nok\n",
                     encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text(
        "select: [subject-]\nseverity: {subject-length: block}\nrules: {subject-length: {max: 20}}\n",
        encoding="utf-8")
    result = run_cli("check", draft, "-f", "json", cwd=tmp_path)
    findings = result.json()["results"][0]["findings"]
    assert [f["rule"] for f in findings] == ["subject-length"] and findings[0]["severity"] == "block"
    assert result.code == 1
    # flags override the file
    assert run_cli("check", draft, "--ignore", "subject-length", cwd=tmp_path).code == 0


def test_nearest_config_wins(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mailgate.yaml").write_text("ignore: [subject-length]\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.mailgate]\nselect = ['subject-length']\n", encoding="utf-8")
    text = "---\nsubject: " + "x" * 80 + "\nkind: reply\n---\nHello\n"
    (tmp_path / "outer.txt").write_text(text, encoding="utf-8")
    (inner / "inner.txt").write_text(text, encoding="utf-8")
    data = run_cli("check", tmp_path, "-f", "json").json()
    rules = {Path(r["path"]).name: {f["rule"] for f in r["findings"]} for r in data["results"]}
    assert "subject-length" not in rules["outer.txt"]
    assert rules["inner.txt"] == {"subject-length"}


def test_unknown_config_key_is_an_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mailgate.yaml").write_text("selcet: [greeting]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello\n", encoding="utf-8")
    result = run_cli("check", tmp_path / "a.txt", "-f", "json")
    assert result.code == 2
    assert "selcet" in result.out


def test_inline_suppression_and_unused_report(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("---\nsubject: " + "y" * 80 + "\nkind: reply\nlang: en\n---\n"
                     "{# mailgate: disable=subject-length,greeting #}\nHello Anna,\nthanks.\n", encoding="utf-8")
    data = run_cli("check", draft, "-f", "json", "--select", "subject-length,greeting").json()
    result = data["results"][0]
    assert result["suppressed"] == 1
    unused = [f for f in result["findings"] if f["rule"] == "unused-suppression"]
    assert len(unused) == 1 and "greeting" in unused[0]["message"]


def test_output_file_is_written(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("check", FIXTURES / "greeting", "-f", "json", "-o", out)
    assert result.out == "" and out.exists()
    assert '"results"' in out.read_text(encoding="utf-8")


def test_parallel_jobs_give_the_same_results(run_cli) -> None:
    one = run_cli("check", FIXTURES, "-f", "json").json()
    two = run_cli("check", FIXTURES, "-f", "json", "-j", "2").json()
    assert one["results"] == two["results"]


def test_version(run_cli) -> None:
    assert run_cli("--version").out.startswith("mailgate ")


def test_readme_starts_with_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```")
    assert "mailgate check examples" in blocks[1] and "pytest" in blocks[3]
