"""The HTML report in a real browser: hostile mail content stays inert and loads nothing."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (.ci/run installs Debian's chromium)")


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 — the stdlib's name
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _chromium(*args: str, profile: Path) -> str:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--virtual-time-budget=4000", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120).stdout


def test_hostile_preview_runs_no_script_and_loads_nothing(run_cli, tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        evil = tmp_path / "evil.html"
        evil.write_text(
            "---\nsubject: \"<script>document.title='PWNED-subject'</script>\"\nkind: campaign\nlang: en\n---\n"
            "<html><body><script>parent.document.title='PWNED-script'</script>"
            f"<img src=\"http://127.0.0.1:{port}/pixel.gif\" onerror=\"parent.document.title='PWNED-onerror'\">"
            f"<link rel=stylesheet href=\"http://127.0.0.1:{port}/style.css\">"
            "<p>Hello reader, a <a href=\"javascript:parent.document.title='PWNED-js'\">link</a>.</p>"
            "</body></html>\n", encoding="utf-8")
        report = tmp_path / "report.html"
        result = run_cli("report", evil, "-o", report)
        assert result.code in (0, 1), result
        page = report.read_text(encoding="utf-8")
        assert "<script>document.title" not in page  # the subject is escaped in the page itself
        assert 'sandbox=""' in page and "Content-Security-Policy" in page
        dom = _chromium("--dump-dom", report.as_uri(), profile=tmp_path / "profile")
        assert "<title>mailgate report" in dom
        assert "PWNED" not in dom.split("</title>")[0]
        assert _Recorder.hits == [], f"the report loaded remote content: {_Recorder.hits}"
        shot = tmp_path / "report.png"
        _chromium("--window-size=1200,900", f"--screenshot={shot}", report.as_uri(), profile=tmp_path / "profile2")
        assert shot.exists() and shot.stat().st_size > 10_000
    finally:
        server.shutdown()


def test_report_lists_every_finding(run_cli, tmp_path: Path) -> None:
    from conftest import FIXTURES

    report = tmp_path / "r.html"
    result = run_cli("report", FIXTURES / "subject-missing", "-o", report, "--select", "subject-missing")
    assert result.code == 1
    page = report.read_text(encoding="utf-8")
    assert "subject-missing" in page and "empty.eml" in page and "present.eml" in page
