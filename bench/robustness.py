"""Time and peak memory of `mailgate check` on each hostile-input case, one process per case.

    python3 bench/robustness.py [CASE-NAME ...]

Prints one row per case: outcome (exit code, error or parse warnings), wall time, peak RSS.
The last measured table is kept in bench/robustness-results.txt.
The cases are tests/robustness/ (files/ plus the generated big and deep ones); the test
tests/test_robustness.py checks outcomes, this script measures them (DESIGN: performance is
measured by bench/, never by timed tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "robustness"
TIMEOUT = 120


def measure(path: Path) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak RSS in MB of one `mailgate check -f json` child, and what it said."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MAILGATE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    code = ("import resource, sys, runpy; sys.argv = ['mailgate', 'check', '-f', 'json', sys.argv[1]]\n"
            "try:\n    runpy.run_module('mailgate', run_name='__main__')\n"
            "finally:\n    sys.stderr.write('\\nMAXRSS %d' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, TIMEOUT, -1, f"TIMEOUT after {TIMEOUT} s"
    elapsed = time.perf_counter() - start
    peak = int(done.stderr.rsplit("MAXRSS ", 1)[-1]) // 1024 if "MAXRSS" in done.stderr else -1
    try:
        result = json.loads(done.stdout)["results"][0]
        said = "; ".join(result.get("errors") or [f["message"] for f in result["findings"]
                                                   if f["rule"] == "parse-warning"]) or result["verdict"]
    except (ValueError, KeyError, IndexError):
        said = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "?"
    return done.returncode, elapsed, peak, said


def build_corpus(target: Path) -> list[Path]:
    """Generate the cases in a child process: a child's peak RSS starts from its parent's
    (Linux keeps it across fork and exec), so this process must never hold the 50 MB cases."""
    code = (f"import json, sys; sys.path.insert(0, {str(CORPUS)!r}); import corpus; from pathlib import Path; "
            f"print(json.dumps([str(p) for p in corpus.build(Path({str(target)!r}))]))")
    return [Path(p) for p in json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))]


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_corpus(Path(tmp))
        print(f"{'case':<34} {'exit':>4} {'seconds':>8} {'peak MB':>8}  outcome")
        for path in paths:
            if names and path.name not in names:
                continue
            size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
            code, elapsed, peak, said = measure(path)
            label = f"{path.name} ({size / 1048576:.1f} MB)" if size > 1048576 else path.name
            print(f"{label[:34]:<34} {code:>4} {elapsed:>8.2f} {peak:>8}  {said[:110]}")


if __name__ == "__main__":
    main(sys.argv[1:])
