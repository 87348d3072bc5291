"""Kill a 1,000,000-row `mailgate ledger import` with SIGKILL half way, and time every step.

1. Generate a suppressions CSV of N distinct unsubscribes.
2. Import it whole into a fresh ledger: how long it takes, how large the write-ahead log grows.
3. Into a second ledger holding the 3 example suppressions (the "old state"), start the same
   import and SIGKILL it once the log has reached half that size — the middle of the import.
4. A fresh connection: PRAGMA integrity_check, row counts (must be the old state), how long
   recovery and the check take.
5. Import the file again to the end: the new state (old + N rows), integrity_check again.

tests/test_ledger_durability.py runs the same steps (tests/ledger_faults.py) on 200,000 rows.

Usage: python3 bench/ledger_durability.py [--rows 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from ledger_faults import MAILGATE, kill_import_midway, ledger_state, run_import, write_suppressions  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="work in DIR and keep the files")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="mailgate-durability-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    try:
        return _run(work, args.rows, env)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _fresh_ledger(path: Path, env: dict[str, str], with_example: bool) -> None:
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    subprocess.run([*MAILGATE, "ledger", "init", "--ledger", str(path)], env=env, check=True, capture_output=True)
    if with_example:
        subprocess.run([*MAILGATE, "ledger", "import", "suppressions",
                        str(ROOT / "examples" / "campaign" / "ledger" / "suppressions.csv"), "--ledger", str(path)],
                       env=env, check=True, capture_output=True)


def _run(work: Path, rows: int, env: dict[str, str]) -> int:
    source = work / "suppressions.csv"
    started = time.monotonic()
    write_suppressions(source, rows)
    print(f"generated {rows:,} rows ({source.stat().st_size / 2**20:.0f} MiB) in {time.monotonic() - started:.1f} s")

    whole = work / "whole.sqlite"
    _fresh_ledger(whole, env, with_example=False)
    full = run_import(whole, source, env)
    print(f"whole import: exit {full.returncode}, {full.seconds:.1f} s, write-ahead log peaked at "
          f"{full.wal_bytes / 2**20:.0f} MiB, ledger {whole.stat().st_size / 2**20:.0f} MiB")

    ledger = work / "killed.sqlite"
    _fresh_ledger(ledger, env, with_example=True)
    old = ledger_state(ledger)
    killed = kill_import_midway(ledger, source, env, full.wal_bytes // 2)
    print(f"killed with SIGKILL after {killed.seconds:.1f} s (exit {killed.returncode}), write-ahead log "
          f"{killed.wal_bytes / 2**20:.0f} MiB of the whole import's {full.wal_bytes / 2**20:.0f}")
    started = time.monotonic()
    after = ledger_state(ledger)
    print(f"after the kill: integrity_check {after.integrity}, {after.suppressions:,} suppressions, "
          f"{after.imports} imports (before: {old.suppressions:,}, {old.imports}) — recovery and check "
          f"{time.monotonic() - started:.1f} s")
    again = run_import(ledger, source, env)
    new = ledger_state(ledger)
    print(f"imported again: exit {again.returncode}, {again.seconds:.1f} s; integrity_check {new.integrity}, "
          f"{new.suppressions:,} suppressions, {new.imports} imports")
    kept = after == old and new.integrity == ["ok"] and new.suppressions == old.suppressions + rows
    print("OLD STATE KEPT, NEW STATE COMPLETE" if kept else "FAILED: the ledger lost or half-kept rows")
    return 0 if kept else 1


if __name__ == "__main__":
    raise SystemExit(main())
